package io.x3dava.backbone.x3d;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An inference-only copy of an {@link X3DNetwork}, derived from its current weights (a snapshot: training the original
 * afterwards does not change it; derive a new one). Computes the same function as the network in eval mode, faster:
 * every BatchNorm is folded into the convolution before it (as torch.jit.freeze folds a frozen TorchScript X3D), the
 * strided shortcut is one strided convolution (the training network's slice avoids a backward kernel inference never
 * runs), and the trunk (stem to res5, and conv5) runs as one TorchScript method written from the network's description
 * ({@link X3DScript}) and compiled by libtorch at construction: values are freed after their last use and updated in
 * place where they are dead. The small head (pooling, lin5, projection) stays in DJL. Not for training: the unfolded
 * network and its PySlowFast keys stay the one that trains and saves checkpoints.
 *
 * <p>Call {@link #close()} (or close the manager given to {@link #of}) to free the folded weights and the module.
 */
public final class X3DInference implements AutoCloseable {

    private final X3DConfig config;
    private final PtNDManager manager;
    private final PtSymbolBlock trunk;
    private final PtNDArray[] weights;
    private final FoldedConv lin5;
    private final NDArray projectionWeight;
    private final NDArray projectionBias;
    private final Shape poolWindow;

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
        manager = (PtNDManager) parent.newSubManager();
        String stem = "s1.pathway0_stem";
        int width = X3DStageSpec.stemWidth(config);
        int kt = config.stemTemporalKernel();
        FoldedConv stemXy = FoldedConv.of(sd, stem + ".conv_xy", null, new Shape(1, 2, 2), new Shape(0, 1, 1), 1,
                manager);
        FoldedConv stemT = FoldedConv.of(sd, stem + ".conv", stem + ".bn", new Shape(1, 1, 1), new Shape(kt / 2, 0, 0),
                width, manager);
        List<FoldedBlock> blocks = new ArrayList<>();
        for (X3DStageSpec spec : X3DStageSpec.of(config)) {
            for (int i = 0; i < spec.depth(); i++) {
                String p = "s" + spec.index() + ".pathway0_res" + i;
                int stride = spec.spatialStride(i);
                FoldedConv branch1 = sd.containsKey(p + ".branch1.weight") ? FoldedConv.of(sd, p + ".branch1",
                        p + ".branch1_bn", new Shape(1, stride, stride), new Shape(0, 0, 0), 1, manager) : null;
                String t = p + ".branch2";
                FoldedConv a = FoldedConv.pointwise(sd, t + ".a", t + ".a_bn", manager);
                FoldedConv b = FoldedConv.of(sd, t + ".b", t + ".b_bn", new Shape(1, stride, stride),
                        new Shape(1, 1, 1), spec.dimInner(), manager);
                FoldedBlock.Se se = spec.hasSe(i) ? new FoldedBlock.Se(matrix(sd, t + ".se.fc1.weight"),
                        copy(sd, t + ".se.fc1.bias"), matrix(sd, t + ".se.fc2.weight"), copy(sd, t + ".se.fc2.bias"))
                        : null;
                FoldedConv c = FoldedConv.pointwise(sd, t + ".c", t + ".c_bn", manager);
                blocks.add(new FoldedBlock(branch1, a, b, se, c));
            }
        }
        FoldedConv conv5 = head != Head.NONE ? FoldedConv.pointwise(sd, "head.conv_5", "head.conv_5_bn", manager) : null;
        boolean classifier = head == Head.CLASSIFIER;
        lin5 = classifier ? FoldedConv.pointwise(sd, "head.lin_5", null, manager) : null;
        projectionWeight = classifier ? copy(sd, "head.projection.weight") : null;
        projectionBias = classifier ? copy(sd, "head.projection.bias") : null;
        int side = (int) Math.ceil(config.trainCrop() / 32.0); // as X3DHead.of: the training clip's res5 extent
        poolWindow = new Shape(config.numFrames(), side, side);
        X3DScript script = X3DScript.of(stemXy, stemT, blocks, conv5);
        trunk = TorchScriptSource.compile(X3DScript.CLASS_NAME, script.source(), manager);
        weights = script.weights().toArray(new PtNDArray[0]);
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
        return run("forward", clips);
    }

    public X3DConfig config() {
        return config;
    }

    /** res5 (N, C5, T, H/32, W/32) of clips (N, 3, T, H, W), as {@link X3DBackbone} in eval mode. */
    public NDArray res5(NDArray clips) {
        return run("res5", clips);
    }

    /**
     * Runs a trunk method; the result belongs to the clips' manager, as a DJL op's would. The weight list is built per
     * call (microseconds) rather than held, so that closing the managers alone frees every weight.
     */
    private NDArray run(String method, NDArray clips) {
        try (IValue in = IValue.from((PtNDArray) clips); IValue w = IValue.listFrom(weights);
             IValue out = IValueUtils.runMethod(trunk, method, in, w)) {
            return out.toTensor((PtNDManager) clips.getManager());
        }
    }

    /** Logits as {@link X3DNetwork#forward} in eval mode: (N, classes), or (N, positions, classes) on larger inputs. */
    public NDArray logits(NDArray clips) {
        if (lin5 == null) {
            throw new IllegalStateException("a folded backbone without the classifier head has no logits");
        }
        NDArray x = features(clips); // conv5's output: the classifier's copy has conv5
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
        trunk.close();
        manager.close();
    }
}
