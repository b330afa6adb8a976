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

import java.util.LinkedHashMap;
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

    private X3DInference(X3DConfig config, Map<String, NDArray> sd, FoldedX3D.Head head, NDManager parent) {
        this.config = config;
        manager = (PtNDManager) parent.newSubManager();
        FoldedX3D f = FoldedX3D.of(config, sd, head, manager);
        lin5 = f.lin5();
        projectionWeight = f.projectionWeight();
        projectionBias = f.projectionBias();
        poolWindow = f.poolWindow();
        X3DScript script = X3DScript.of(f.stemXy(), f.stemT(), f.blocks(), f.conv5());
        trunk = TorchScriptSource.compile(X3DScript.CLASS_NAME, script.source(), manager);
        weights = script.weights().toArray(new PtNDArray[0]);
    }

    /** Folds {@code net}'s current weights; the copy lives in a sub-manager of {@code manager}. */
    public static X3DInference of(X3DNetwork net, NDManager manager) {
        Map<String, NDArray> sd = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : net.referenceParameters().entrySet()) {
            sd.put(e.getKey(), e.getValue().getArray());
        }
        return new X3DInference(net.config(), sd, FoldedX3D.Head.CLASSIFIER, manager);
    }

    /**
     * Folds a backbone given by its PySlowFast state-dict arrays ({@code s1..s5}, and {@code head.conv_5} /
     * {@code head.conv_5_bn} when {@code withConv5}) for {@link #features}: what the AVA detector pools boxes from.
     */
    public static X3DInference features(X3DConfig config, Map<String, NDArray> stateDict, boolean withConv5,
                                        NDManager manager) {
        return new X3DInference(config, stateDict, withConv5 ? FoldedX3D.Head.CONV5 : FoldedX3D.Head.NONE, manager);
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
        NoGrad noGrad = NoGrad.enter();
        try (IValue in = IValue.from((PtNDArray) clips); IValue w = IValue.listFrom(weights);
             IValue out = IValueUtils.runMethod(trunk, method, in, w)) {
            return out.toTensor((PtNDManager) clips.getManager());
        } finally {
            noGrad.close();
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

    @Override
    public void close() {
        trunk.close();
        manager.close();
    }
}
