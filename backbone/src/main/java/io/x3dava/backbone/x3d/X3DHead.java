package io.x3dava.backbone.x3d;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv3d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import java.util.Map;

/**
 * X3D head (paper Table 1): conv5 1x1x1 to the last stage's inner width, BN, ReLU; average pool over the training
 * clip's res5 extent; fc1 ("lin_5", a 1x1x1 conv without bias and without BN) to 2048, ReLU; dropout; projection to the
 * classes. Input: res5 (N, C, T, h, w). Output: logits (N, classes) when the pooled map has one position (the training
 * crop), else (N, positions, classes) as PySlowFast's fully convolutional testing produces.
 * Reference names: conv_5, conv_5_bn, lin_5, projection.
 */
public final class X3DHead extends AbstractBlock implements ReferenceNamed {

    private final X3DConv5 conv5;
    private final Conv3d lin5;
    private final Dropout dropout;
    private final Linear projection;
    private final Shape poolWindow;
    private final int numClasses;

    /**
     * @param dimInner conv5 width
     * @param dimC5 lin_5 width
     * @param numClasses classifier outputs
     * @param dropoutRate dropout before the projection
     * @param poolWindow (T, h, w) of res5 at the training clip; larger test inputs slide this window
     */
    public X3DHead(int dimInner, int dimC5, int numClasses, double dropoutRate, Shape poolWindow) {
        conv5 = addChildBlock("conv5", new X3DConv5(dimInner));
        lin5 = addChildBlock("lin_5", ReferenceLayers.pointwise(dimC5, false));
        dropout = addChildBlock("dropout", Dropout.builder().optRate((float) dropoutRate).build());
        projection = addChildBlock("projection", Linear.builder().setUnits(numClasses).optBias(true).build());
        this.poolWindow = poolWindow;
        this.numClasses = numClasses;
    }

    public static X3DHead of(X3DConfig c) {
        X3DStageSpec last = X3DStageSpec.of(c).get(3);
        int side = (int) Math.ceil(c.trainCrop() / 32.0);
        return new X3DHead(last.dimInner(), c.dimC5(), c.numClasses(), c.dropout(), new Shape(c.numFrames(), side, side));
    }

    /** conv5 features after BN and ReLU, (N, dimInner, T, h, w): the detector's alternative to res5. */
    public NDArray conv5(ParameterStore ps, NDArray res5, boolean training) {
        return conv5.forward(ps, new NDList(res5), training).singletonOrThrow();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = conv5(ps, inputs.singletonOrThrow(), training);
        Shape s = x.getShape();
        Shape window = new Shape(Math.min(poolWindow.get(0), s.get(2)), Math.min(poolWindow.get(1), s.get(3)),
                Math.min(poolWindow.get(2), s.get(4)));
        NDArray pooled = Pool.avgPool3d(x, window, new Shape(1, 1, 1), new Shape(0, 0, 0), false, true);
        NDArray y = Activation.relu(lin5.forward(ps, new NDList(pooled), training).singletonOrThrow());
        Shape ys = y.getShape();
        long positions = ys.get(2) * ys.get(3) * ys.get(4);
        // (N, C, T, h, w) -> (N * positions, C) as the reference permutes to channels-last before the projection.
        NDArray flat = y.transpose(0, 2, 3, 4, 1).reshape(ys.get(0) * positions, ys.get(1));
        flat = dropout.forward(ps, new NDList(flat), training).singletonOrThrow();
        NDArray logits = projection.forward(ps, new NDList(flat), training).singletonOrThrow();
        if (positions > 1) {
            logits = logits.reshape(ys.get(0), positions, -1);
        }
        return new NDList(logits);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {new Shape(inputs[0].get(0), numClasses)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        conv5.initialize(manager, dataType, in);
        Shape[] s = conv5.getOutputShapes(new Shape[] {in});
        Shape pooled = new Shape(in.get(0), s[0].get(1), 1, 1, 1);
        lin5.initialize(manager, dataType, pooled);
        Shape flat = new Shape(in.get(0), lin5.getOutputShapes(new Shape[] {pooled})[0].get(1));
        dropout.initialize(manager, dataType, flat);
        projection.initialize(manager, dataType, flat);
    }

    @Override
    public void nameParameters(String prefix, Map<String, Parameter> out) {
        conv5.nameParameters(prefix, out);
        ReferenceLayers.nameConv(out, prefix + ".lin_5", lin5);
        ReferenceLayers.nameLinear(out, prefix + ".projection", projection);
    }
}
