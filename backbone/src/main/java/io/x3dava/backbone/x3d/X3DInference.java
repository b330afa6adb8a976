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
 * their input's buffer where the input is dead (ReLU, Swish as one SiLU, SE scaling, the residual sum: see
 * {@link TorchOps}); autograd is off outside a GradientCollector, so in-place is safe. The strided shortcut is one
 * strided convolution (the training network's slice avoids a backward kernel inference never runs). Not for
 * training: the unfolded network and its PySlowFast keys stay the one that trains and saves checkpoints.
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
    private record Block(FoldedConv branch1, FoldedConv a, FoldedConv b, Se se, FoldedConv c) {
    }

    /**
     * Squeeze-excitation as two small matrices on the (N, C) channel sums: fc1's weight is divided by the number of
     * positions (the mean folded in, one copy per input extent), so the gate is sum, 2 x addmm, relu, sigmoid; through
     * DJL a scalar division or a 1x1x1 convolution of a (N, C, 1, 1, 1) array each cost more than the matrix product.
     */
    private static final class Se {
        private final NDArray w1;
        private final NDArray b1;
        private final NDArray w2;
        private final NDArray b2;
        private long positions = -1;
        private NDArray w1Mean;

        Se(NDArray w1, NDArray b1, NDArray w2, NDArray b2) {
            this.w1 = w1;
            this.b1 = b1;
            this.w2 = w2;
            this.b2 = b2;
        }

        /** Scales {@code x} (N, C, T, H, W) in place by its SE gate. */
        void scale(NDArray x) {
            Shape s = x.getShape();
            long n = s.get(2) * s.get(3) * s.get(4);
            NDArray sum = x.sum(new int[] {2, 3, 4}, false);
            NDArray h = relu(Linear.linear(sum, w1Mean(n), b1).singletonOrThrow());
            sum.close();
            NDArray g = Linear.linear(h, w2, b2).singletonOrThrow();
            h.close();
            NDArray gate = g.getNDArrayInternal().sigmoid();
            g.close();
            NDArray gate5 = gate.reshape(s.get(0), s.get(1), 1, 1, 1);
            gate.close();
            x.muli(gate5);
            gate5.close();
        }

        private synchronized NDArray w1Mean(long n) {
            if (n != positions) {
                NDArray old = w1Mean;
                w1Mean = w1.div(n);
                w1Mean.attach(w1.getManager());
                positions = n;
                if (old != null) {
                    old.close();
                }
            }
            return w1Mean;
        }
    }

    /** How much of the head a folded copy holds. */
    private enum Head {
        /** conv5, lin5 and the projection: {@link #logits}, {@link #scores}. */
        CLASSIFIER,
        /** conv5 only: {@link #features} is ReLU(BN(conv5(res5))), the AVA detector's conv5 / lin5 input. */
        CONV5,
        /** none: {@link #features} is res5. */
        NONE
    }

    private X3DInference(X3DConfig config, Map<String, NDArray> sd, Head head, NDManager parent) {
        this.config = config;
        manager = parent.newSubManager();
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
                // inference has no backward, so the strided 1x1x1 shortcut can be one strided conv (the training
                // network slices first to avoid oneDNN's strided backward-weights kernel, see X3DResBlock)
                FoldedConv branch1 = sd.containsKey(p + ".branch1.weight") ? FoldedConv.of(sd, p + ".branch1",
                        p + ".branch1_bn", new Shape(1, stride, stride), new Shape(0, 0, 0), 1, manager) : null;
                String t = p + ".branch2";
                FoldedConv a = FoldedConv.pointwise(sd, t + ".a", t + ".a_bn", manager);
                FoldedConv b = FoldedConv.of(sd, t + ".b", t + ".b_bn", new Shape(1, stride, stride),
                        new Shape(1, 1, 1), spec.dimInner(), manager);
                Se se = spec.hasSe(i) ? new Se(matrix(sd, t + ".se.fc1.weight"), copy(sd, t + ".se.fc1.bias"),
                        matrix(sd, t + ".se.fc2.weight"), copy(sd, t + ".se.fc2.bias")) : null;
                FoldedConv c = FoldedConv.pointwise(sd, t + ".c", t + ".c_bn", manager);
                blocks.add(new Block(branch1, a, b, se, c));
            }
        }
        conv5 = head == Head.NONE ? null : FoldedConv.pointwise(sd, "head.conv_5", "head.conv_5_bn", manager);
        boolean classifier = head == Head.CLASSIFIER;
        lin5 = classifier ? FoldedConv.pointwise(sd, "head.lin_5", null, manager) : null;
        projectionWeight = classifier ? copy(sd, "head.projection.weight") : null;
        projectionBias = classifier ? copy(sd, "head.projection.bias") : null;
        int side = (int) Math.ceil(config.trainCrop() / 32.0); // as X3DHead.of: the training clip's res5 extent
        poolWindow = new Shape(config.numFrames(), side, side);
    }

    /** Folds {@code net}'s current weights; the copy lives in a sub-manager of {@code manager}. */
    public static X3DInference of(X3DNetwork net, NDManager manager) {
        Map<String, NDArray> sd = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : net.referenceParameters().entrySet()) {
            sd.put(e.getKey(), e.getValue().getArray());
        }
        return new X3DInference(net.config(), sd, Head.CLASSIFIER, manager);
    }

    /**
     * Folds a backbone given by its PySlowFast state-dict arrays ({@code s1..s5}, and {@code head.conv_5} /
     * {@code head.conv_5_bn} when {@code withConv5}) for {@link #features}: what the AVA detector pools boxes from.
     */
    public static X3DInference features(X3DConfig config, Map<String, NDArray> stateDict, boolean withConv5,
                                        NDManager manager) {
        return new X3DInference(config, stateDict, withConv5 ? Head.CONV5 : Head.NONE, manager);
    }

    /** res5, or ReLU(BN(conv5(res5))) for a copy made with conv5 (the classifier's copy gives conv5 too). */
    public NDArray features(NDArray clips) {
        NDArray res5 = res5(clips);
        if (conv5 == null) {
            return res5;
        }
        NDArray x = conv5.apply(res5);
        res5.close();
        TorchOps.get().reluInPlace(x);
        return x;
    }

    public X3DConfig config() {
        return config;
    }

    /** res5 (N, C5, T, H/32, W/32) of clips (N, 3, T, H, W), as {@link X3DBackbone} in eval mode. */
    public NDArray res5(NDArray clips) {
        NDArray xy = stemXy.apply(clips);
        NDArray x = stemT.apply(xy);
        xy.close();
        TorchOps.get().reluInPlace(x);
        for (Block b : blocks) {
            NDArray next = block(b, x);
            x.close();
            x = next;
        }
        return x;
    }

    /** Logits as {@link X3DNetwork#forward} in eval mode: (N, classes), or (N, positions, classes) on larger inputs. */
    public NDArray logits(NDArray clips) {
        if (lin5 == null) {
            throw new IllegalStateException("a folded backbone without the classifier head has no logits");
        }
        NDArray x = features(clips);
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
        TorchOps ops = TorchOps.get();
        NDArray t = blk.a().apply(x);
        ops.reluInPlace(t);
        NDArray u = blk.b().apply(t);
        t.close();
        if (blk.se() != null) {
            blk.se().scale(u);
        }
        ops.siluInPlace(u); // Swish
        NDArray f = blk.c().apply(u);
        u.close();
        if (blk.branch1() == null) {
            f.addi(x);
        } else {
            NDArray shortcut = blk.branch1().apply(x);
            f.addi(shortcut);
            shortcut.close();
        }
        ops.reluInPlace(f);
        return f;
    }

    /** ReLU into a new array; the input is closed (small head arrays, where a DJL op is cheaper than the module). */
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
