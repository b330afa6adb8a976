package io.x3dava.backbone.x3d;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An inference-only copy of an {@link X3DNetwork}, derived from its current weights (a snapshot: training the original
 * afterwards does not change it; derive a new one). Computes the same function as the network in eval mode, faster:
 * every BatchNorm is folded into the convolution before it (as torch.jit.freeze folds a frozen TorchScript X3D), and
 * every intermediate is freed as soon as it has been consumed, so a pass holds at most a block's activations instead
 * of the whole graph's until its NDManager closes (fewer page faults, lower peak memory). Elementwise steps reuse
 * their input's buffer where the input is dead (Swish, SE scaling, the residual sum); autograd is off outside a
 * GradientCollector, so in-place is safe. Not for training: the unfolded network and its PySlowFast keys stay the one
 * that trains and saves checkpoints.
 *
 * <p>Call {@link #close()} (or close the manager given to {@link #of}) to free the folded weights.
 */
public final class X3DInference implements AutoCloseable {

    private final X3DConfig config;
    private final NDManager manager;
    private final FoldedConv stemXy;
    private final FoldedConv stemT;
    private final List<Block> blocks = new ArrayList<>();
    private final FoldedConv conv5;
    private final FoldedConv lin5;
    private final NDArray projectionWeight;
    private final NDArray projectionBias;
    private final Shape poolWindow;

    /** One residual block, folded. */
    private record Block(FoldedConv branch1, int stride, FoldedConv a, FoldedConv b, Se se, FoldedConv c) {
    }

    /** Squeeze-excitation weights as (out, in) matrices: fc1/fc2 are 1x1x1 convs of a (N, C, 1, 1, 1) input. */
    private record Se(NDArray w1, NDArray b1, NDArray w2, NDArray b2) {
    }

    private X3DInference(X3DNetwork net, NDManager parent) {
        config = net.config();
        manager = parent.newSubManager();
        Map<String, NDArray> sd = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : net.referenceParameters().entrySet()) {
            sd.put(e.getKey(), e.getValue().getArray());
        }
        String stem = "s1.pathway0_stem";
        int width = X3DStageSpec.stemWidth(config);
        int kt = config.stemTemporalKernel();
        stemXy = FoldedConv.of(sd, stem + ".conv_xy", null, new Shape(1, 2, 2), new Shape(0, 1, 1), 1, manager);
        stemT = FoldedConv.of(sd, stem + ".conv", stem + ".bn", new Shape(1, 1, 1), new Shape(kt / 2, 0, 0), width,
                manager);
        for (X3DStageSpec spec : X3DStageSpec.of(config)) {
            for (int i = 0; i < spec.depth(); i++) {
                String p = "s" + spec.index() + ".pathway0_res" + i;
                int stride = spec.spatialStride(i);
                FoldedConv branch1 = sd.containsKey(p + ".branch1.weight")
                        ? FoldedConv.pointwise(sd, p + ".branch1", p + ".branch1_bn", manager) : null;
                String t = p + ".branch2";
                FoldedConv a = FoldedConv.pointwise(sd, t + ".a", t + ".a_bn", manager);
                FoldedConv b = FoldedConv.of(sd, t + ".b", t + ".b_bn", new Shape(1, stride, stride),
                        new Shape(1, 1, 1), spec.dimInner(), manager);
                Se se = spec.hasSe(i) ? new Se(matrix(sd, t + ".se.fc1.weight"), copy(sd, t + ".se.fc1.bias"),
                        matrix(sd, t + ".se.fc2.weight"), copy(sd, t + ".se.fc2.bias")) : null;
                FoldedConv c = FoldedConv.pointwise(sd, t + ".c", t + ".c_bn", manager);
                blocks.add(new Block(branch1, stride, a, b, se, c));
            }
        }
        conv5 = FoldedConv.pointwise(sd, "head.conv_5", "head.conv_5_bn", manager);
        lin5 = FoldedConv.pointwise(sd, "head.lin_5", null, manager);
        projectionWeight = copy(sd, "head.projection.weight");
        projectionBias = copy(sd, "head.projection.bias");
        int side = (int) Math.ceil(config.trainCrop() / 32.0); // as X3DHead.of: the training clip's res5 extent
        poolWindow = new Shape(config.numFrames(), side, side);
    }

    /** Folds {@code net}'s current weights; the copy lives in a sub-manager of {@code manager}. */
    public static X3DInference of(X3DNetwork net, NDManager manager) {
        return new X3DInference(net, manager);
    }

    public X3DConfig config() {
        return config;
    }

    /** res5 (N, C5, T, H/32, W/32) of clips (N, 3, T, H, W), as {@link X3DBackbone} in eval mode. */
    public NDArray res5(NDArray clips) {
        NDArray xy = stemXy.apply(clips);
        NDArray t = stemT.apply(xy);
        xy.close(); // before the ReLU's output is allocated: the stem's two widest maps are not alive at once
        NDArray x = relu(t);
        for (Block b : blocks) {
            NDArray next = block(b, x);
            x.close();
            x = next;
        }
        return x;
    }

    /** Logits as {@link X3DNetwork#forward} in eval mode: (N, classes), or (N, positions, classes) on larger inputs. */
    public NDArray logits(NDArray clips) {
        NDArray res5 = res5(clips);
        NDArray x = relu(conv5.apply(res5));
        res5.close();
        Shape s = x.getShape();
        Shape window = new Shape(Math.min(poolWindow.get(0), s.get(2)), Math.min(poolWindow.get(1), s.get(3)),
                Math.min(poolWindow.get(2), s.get(4)));
        NDArray pooled = Pool.avgPool3d(x, window, new Shape(1, 1, 1), new Shape(0, 0, 0), false, true);
        x.close();
        NDArray y = relu(lin5.apply(pooled));
        pooled.close();
        Shape ys = y.getShape();
        long positions = ys.get(2) * ys.get(3) * ys.get(4);
        // (N, C, T, h, w) -> (N * positions, C): channels-last before the projection, as the reference permutes.
        NDArray flat = positions == 1 ? y.reshape(ys.get(0), ys.get(1))
                : y.transpose(0, 2, 3, 4, 1).reshape(ys.get(0) * positions, ys.get(1));
        NDArray logits = Linear.linear(flat, projectionWeight, projectionBias).singletonOrThrow();
        flat.close();
        y.close();
        return positions > 1 ? logits.reshape(ys.get(0), positions, -1) : logits;
    }

    /** Class scores as {@link X3DNetwork#scores}: softmax or sigmoid per position, averaged over positions. */
    public NDArray scores(NDArray clips, boolean sigmoid) {
        NDArray logits = logits(clips);
        NDArray p = sigmoid ? logits.getNDArrayInternal().sigmoid() : logits.softmax(-1);
        logits.close();
        if (p.getShape().dimension() == 3) {
            NDArray mean = p.mean(new int[] {1});
            p.close();
            return mean;
        }
        return p;
    }

    private static NDArray block(Block blk, NDArray x) {
        NDArray t = relu(blk.a().apply(x));
        NDArray u = blk.b().apply(t);
        t.close();
        if (blk.se() != null) {
            squeezeExcite(blk.se(), u);
        }
        NDArray gate = u.getNDArrayInternal().sigmoid();
        u.muli(gate); // Swish in place: u * sigmoid(u)
        gate.close();
        NDArray f = blk.c().apply(u);
        u.close();
        if (blk.branch1() == null) {
            f.addi(x);
        } else {
            NDArray in = X3DResBlock.strided(x, blk.stride());
            NDArray shortcut = blk.branch1().apply(in);
            if (in != x) {
                in.close();
            }
            f.addi(shortcut);
            shortcut.close();
        }
        return relu(f);
    }

    /** Scales {@code x} (N, C, T, H, W) in place by its SE gate. */
    private static void squeezeExcite(Se se, NDArray x) {
        Shape s = x.getShape();
        try (NDManager scope = x.getManager().newSubManager()) {
            NDArray flat = x.reshape(s.get(0), s.get(1), -1);
            flat.attach(scope);
            NDArray pooled = flat.mean(new int[] {2});
            pooled.attach(scope);
            NDArray h = Activation.relu(Linear.linear(pooled, se.w1(), se.b1()).singletonOrThrow());
            h.attach(scope);
            NDArray g = Linear.linear(h, se.w2(), se.b2()).singletonOrThrow().getNDArrayInternal().sigmoid();
            g.attach(scope);
            NDArray gate = g.reshape(s.get(0), s.get(1), 1, 1, 1);
            gate.attach(scope);
            x.muli(gate);
        }
    }

    // No in-place ReLU: DJL 0.36 binds no relu_, and x *= (x > 0) multiplies by a bool mask through libtorch's
    // per-element casting loop, 10-30x slower than relu (1.4M floats: ~10 ms against 0.3-0.8 ms).

    /** ReLU into a new array; the input is closed (it is always a dead intermediate here). */
    private static NDArray relu(NDArray x) {
        NDArray y = Activation.relu(x);
        x.close();
        return y;
    }

    private NDArray copy(Map<String, NDArray> sd, String key) {
        return FoldedConv.copy(FoldedConv.require(sd, key), manager);
    }

    /** A 1x1x1 conv weight (O, I, 1, 1, 1) as the (O, I) matrix of a linear layer. */
    private NDArray matrix(Map<String, NDArray> sd, String key) {
        NDArray w = FoldedConv.require(sd, key);
        Shape s = w.getShape();
        try (NDArray view = w.reshape(s.get(0), s.get(1))) {
            return FoldedConv.copy(view, manager);
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
