#!/usr/bin/env python3
"""Eager-PyTorch twin of `scripts/x3d-ava bench-x3d`: the same X3D networks (written here in plain torch.nn from the
X3D paper's description and the widths/depths of backbone/.../X3DStageSpec.java and X3DPresets.java), timed the same
way (inference clips/s in eval mode without autograd, training steps/s with softmax cross-entropy and Nesterov SGD),
printed in the same table. Used by scripts/bench for the Java/PyTorch ratio.

usage: scripts/bench_x3d_pytorch.py [--presets XS,S,M] [--batches 1,8] [--train-batches 1] [--iterations 5]
                                    [--warmup 2] [--json out.json] [--params]
"""
import argparse
import json
import math
import os
import sys
import time

try:
    import torch
    from torch import nn
except ImportError as e:
    sys.stderr.write("bench_x3d_pytorch.py: PyTorch is not importable with %s (%s); install it (pip install torch, or "
                     "apt-get install python3-torch and run /usr/bin/python3) or skip the PyTorch comparison\n"
                     % (sys.executable, e))
    sys.exit(3)

# name: (frames, train crop, width factor, depth factor, bottleneck factor), as X3DPresets.java
PRESETS = {
    "X2D": (1, 112, 2.0, 1.0, 1.0),
    "X3D-XS": (4, 160, 2.0, 2.2, 2.25),
    "X3D-S": (13, 160, 2.0, 2.2, 2.25),
    "X3D-M": (16, 224, 2.0, 2.2, 2.25),
    "X3D-L": (16, 312, 2.0, 5.0, 2.25),
    "X3D-XL": (16, 312, 2.9, 5.0, 2.25),
}
NUM_CLASSES = 400
DIM_C1 = 12
DIM_C5 = 2048
SE_RATIO = 1 / 16
STEM_T = 5
BASE_DEPTHS = (1, 2, 5, 3)


def preset_name(name):
    key = name.strip().upper().replace("_", "-")
    if key in PRESETS:
        return key
    if "X3D-" + key in PRESETS:
        return "X3D-" + key
    raise SystemExit("bench_x3d_pytorch.py: unknown X3D preset '%s'; known: %s" % (name, ", ".join(PRESETS)))


def round_width(width, multiplier, divisor=8):
    """Nearest multiple of 8 of width * multiplier, at least 8, never more than 10% below (X3DWidths.java)."""
    w = width * multiplier
    r = max(divisor, int(w + divisor / 2) // divisor * divisor)
    if r < 0.9 * w:
        r += divisor
    return int(r)


def stage_specs(width_factor, depth_factor, bottleneck_factor):
    """(depth, dim_in, dim_out, dim_inner, se_dim) of res2..res5, and the stem width."""
    stem = round_width(DIM_C1, width_factor)
    basis = [DIM_C1]
    for _ in range(3):
        basis.append(round_width(basis[-1], 2.0))
    specs, dim_in = [], stem
    for i in range(4):
        dim_out = round_width(basis[i], width_factor)
        inner = int(bottleneck_factor * dim_out)
        specs.append((math.ceil(depth_factor * BASE_DEPTHS[i]), dim_in, dim_out, inner, round_width(inner, SE_RATIO)))
        dim_in = dim_out
    return stem, specs


def bn(channels):
    return nn.BatchNorm3d(channels, eps=1e-5, momentum=0.1)


class Stem(nn.Module):
    """1x3x3 conv stride (1,2,2) from RGB, channel-wise 5x1x1 conv, BN, ReLU."""

    def __init__(self, width):
        super().__init__()
        self.conv_xy = nn.Conv3d(3, width, (1, 3, 3), stride=(1, 2, 2), padding=(0, 1, 1), bias=False)
        self.conv = nn.Conv3d(width, width, (STEM_T, 1, 1), padding=(STEM_T // 2, 0, 0), groups=width, bias=False)
        self.bn = bn(width)

    def forward(self, x):
        return torch.relu(self.bn(self.conv(self.conv_xy(x))))


class SqueezeExcite(nn.Module):
    def __init__(self, channels, reduced):
        super().__init__()
        self.fc1 = nn.Conv3d(channels, reduced, 1, bias=True)
        self.fc2 = nn.Conv3d(reduced, channels, 1, bias=True)

    def forward(self, x):
        s = x.mean(dim=(2, 3, 4), keepdim=True)
        return x * torch.sigmoid(self.fc2(torch.relu(self.fc1(s))))


class Bottleneck(nn.Module):
    """1x1x1 conv-BN-ReLU; 3x3x3 channel-wise conv (spatial stride)-BN-[SE]-Swish; 1x1x1 conv-BN."""

    def __init__(self, dim_in, inner, dim_out, stride, se_dim):
        super().__init__()
        self.a = nn.Conv3d(dim_in, inner, 1, bias=False)
        self.a_bn = bn(inner)
        self.b = nn.Conv3d(inner, inner, 3, stride=(1, stride, stride), padding=1, groups=inner, bias=False)
        self.b_bn = bn(inner)
        self.se = SqueezeExcite(inner, se_dim) if se_dim > 0 else None
        self.c = nn.Conv3d(inner, dim_out, 1, bias=False)
        self.c_bn = bn(dim_out)

    def forward(self, x):
        x = torch.relu(self.a_bn(self.a(x)))
        x = self.b_bn(self.b(x))
        if self.se is not None:
            x = self.se(x)
        x = x * torch.sigmoid(x)
        return self.c_bn(self.c(x))


class ResBlock(nn.Module):
    def __init__(self, dim_in, inner, dim_out, stride, se_dim):
        super().__init__()
        self.branch1 = None
        self.stride = stride
        if dim_in != dim_out or stride != 1:
            # stride-1 conv of the strided slice, as X3DResBlock.java: the strided 1x1x1 conv's backward-weights
            # kernel in oneDNN writes past its workspace on AVX2/AVX-512 (oneDNN issue #6035)
            self.branch1 = nn.Conv3d(dim_in, dim_out, 1, bias=False)
            self.branch1_bn = bn(dim_out)
        self.branch2 = Bottleneck(dim_in, inner, dim_out, stride, se_dim)

    def forward(self, x):
        s = self.stride
        shortcut = x if self.branch1 is None else self.branch1_bn(self.branch1(x[:, :, :, ::s, ::s]))
        return torch.relu(shortcut + self.branch2(x))


class Head(nn.Module):
    """conv_5-BN-ReLU, average pool over the training clip's res5 extent, lin_5 (no bias)-ReLU, dropout, projection."""

    def __init__(self, dim_in, inner, pool, dropout=0.5):
        super().__init__()
        self.conv_5 = nn.Conv3d(dim_in, inner, 1, bias=False)
        self.conv_5_bn = bn(inner)
        self.pool = nn.AvgPool3d(pool, stride=1)
        self.lin_5 = nn.Conv3d(inner, DIM_C5, 1, bias=False)
        self.dropout = nn.Dropout(dropout)
        self.projection = nn.Linear(DIM_C5, NUM_CLASSES, bias=True)

    def forward(self, x):
        x = self.pool(torch.relu(self.conv_5_bn(self.conv_5(x))))
        x = torch.relu(self.lin_5(x))
        x = x.permute(0, 2, 3, 4, 1).reshape(-1, x.shape[1])
        return self.projection(self.dropout(x))


class X3D(nn.Module):
    def __init__(self, name):
        super().__init__()
        frames, crop, wf, df, bf = PRESETS[name]
        self.name, self.frames, self.crop = name, frames, crop
        stem, specs = stage_specs(wf, df, bf)
        self.stem = Stem(stem)
        blocks = []
        for depth, dim_in, dim_out, inner, se_dim in specs:
            for b in range(depth):
                # SE in every other block from the first; spatial stride 2 in the first block of a stage
                blocks.append(ResBlock(dim_in if b == 0 else dim_out, inner, dim_out, 2 if b == 0 else 1,
                                       se_dim if b % 2 == 0 else 0))
        self.blocks = nn.Sequential(*blocks)
        side = math.ceil(crop / 32)
        self.head = Head(specs[-1][2], specs[-1][3], (frames, side, side))

    def input_shape(self, batch):
        return (batch, 3, self.frames, self.crop, self.crop)

    def forward(self, x):
        return self.head(self.blocks(self.stem(x)))


def count_params(model):
    return sum(p.numel() for p in model.parameters())


def inference_clips_per_s(model, batch, warmup, iterations):
    model.eval()
    x = torch.randn(model.input_shape(batch))
    with torch.no_grad():
        for i in range(warmup + iterations):
            if i == warmup:
                t0 = time.perf_counter()
            model(x).numpy()
    return batch * iterations / (time.perf_counter() - t0)


def training_steps_per_s(model, batch, warmup, iterations):
    model.train()
    bn_params = [p for n, p in model.named_parameters() if "bn" in n.split(".")[-2]]
    bn_ids = {id(p) for p in bn_params}
    other = [p for p in model.parameters() if id(p) not in bn_ids]
    opt = torch.optim.SGD([{"params": other, "weight_decay": 5e-5}, {"params": bn_params, "weight_decay": 0.0}],
                          lr=0.01, momentum=0.9, nesterov=True)
    loss_fn = nn.CrossEntropyLoss()
    x = torch.randn(model.input_shape(batch))
    y = torch.randint(0, NUM_CLASSES, (batch,))
    for i in range(warmup + iterations):
        if i == warmup:
            t0 = time.perf_counter()
        loss = loss_fn(model(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
    return iterations / (time.perf_counter() - t0)


def num(v):
    return "-" if v is None else "%.3f" % v


def ints(text, option):
    try:
        out = [int(s) for s in text.split(",") if s.strip()]
    except ValueError:
        raise SystemExit("bench_x3d_pytorch.py: %s: not a list of batch sizes: '%s'" % (option, text))
    if any(b < 1 for b in out):
        raise SystemExit("bench_x3d_pytorch.py: %s must be >= 1" % option)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--presets", default="XS,S,M")
    ap.add_argument("--batches", default="1,8")
    ap.add_argument("--train-batches", help="batch sizes for training (default: --batches; 'none' skips training)")
    ap.add_argument("--train-presets", help="presets whose training steps are timed (default: all of --presets)")
    ap.add_argument("--no-infer", action="store_true")
    ap.add_argument("--iterations", type=int, default=5)
    ap.add_argument("--warmup", type=int, default=2)
    ap.add_argument("--threads", type=int, default=os.cpu_count(), help="torch.set_num_threads (default: cpu_count)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--json", help="also write the results to this JSON file (atomically)")
    ap.add_argument("--params", action="store_true", help="print each preset's parameter count and exit")
    a = ap.parse_args()
    if a.iterations < 1 or a.warmup < 0:
        raise SystemExit("bench_x3d_pytorch.py: --iterations must be >= 1 and --warmup >= 0")
    presets = [preset_name(p) for p in a.presets.split(",") if p.strip()]
    if a.params:
        for name in presets:
            print("%s parameters: %s (PyTorch parameters(), BatchNorm gamma/beta included)"
                  % (name, format(count_params(X3D(name)), ",")))
        return 0
    train_names = [preset_name(p) for p in (a.train_presets or a.presets).split(",") if p.strip()]
    batches = [] if a.no_infer else ints(a.batches, "--batches")
    train = [] if a.train_batches == "none" else ints(a.train_batches or a.batches, "--train-batches")
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    print("threads: %d available processors; torch intra-op %d, inter-op %d (torch %s, set_num_threads(%d), mkldnn %s)"
          % (os.cpu_count(), torch.get_num_threads(), torch.get_num_interop_threads(), torch.__version__, a.threads,
             "available" if torch.backends.mkldnn.is_available() else "NOT available (no oneDNN convolutions)"))
    print("engine: eager PyTorch; %d warm-up + %d timed iterations per row" % (a.warmup, a.iterations))
    print("%-8s %5s %14s %14s %14s" % ("model", "batch", "infer_clips/s", "train_steps/s", "train_clips/s"))
    rows = []
    for name in presets:
        model = X3D(name)
        train_here = train if name in train_names else []
        for b in batches + [t for t in train_here if t not in batches]:
            infer = inference_clips_per_s(model, b, a.warmup, a.iterations) if b in batches else None
            steps = training_steps_per_s(model, b, a.warmup, a.iterations) if b in train_here else None
            rows.append({"model": name, "batch": b, "infer_clips_per_s": infer, "train_steps_per_s": steps})
            print("%-8s %5d %14s %14s %14s" % (name, b, num(infer), num(steps), num(None if steps is None else steps * b)),
                  flush=True)
    if a.json:
        tmp = a.json + ".tmp"
        with open(tmp, "w") as f:
            json.dump({"engine": "pytorch-eager", "torch": torch.__version__, "threads": torch.get_num_threads(),
                       "rows": rows}, f, indent=2)
        os.replace(tmp, a.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
