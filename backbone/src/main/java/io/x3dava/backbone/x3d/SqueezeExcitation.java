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
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import java.util.Map;

/**
 * Squeeze-excitation (Hu et al.) as X3D uses it: global average pool, 1x1x1 conv to the reduced width with bias, ReLU,
 * 1x1x1 conv back with bias, sigmoid, channel-wise scale. Reference names: fc1, fc2.
 */
public final class SqueezeExcitation extends AbstractBlock implements ReferenceNamed {

    private final Conv3d fc1;
    private final Conv3d fc2;

    public SqueezeExcitation(int channels, int reduced) {
        fc1 = addChildBlock("fc1", ReferenceLayers.pointwise(reduced, true));
        fc2 = addChildBlock("fc2", ReferenceLayers.pointwise(channels, true));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Shape xs = x.getShape();
        // Global average pool as one reduction (the PyTorch engine reduces one axis per call).
        NDArray pooled = x.reshape(xs.get(0), xs.get(1), -1).mean(new int[] {2}, true).reshape(xs.get(0), xs.get(1), 1, 1, 1);
        NDArray s = fc1.forward(ps, new NDList(pooled), training).singletonOrThrow();
        s = fc2.forward(ps, new NDList(Activation.relu(s)), training).singletonOrThrow();
        return new NDList(x.mul(Activation.sigmoid(s)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return inputs;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        Shape pooled = new Shape(in.get(0), in.get(1), 1, 1, 1);
        fc1.initialize(manager, dataType, pooled);
        fc2.initialize(manager, dataType, fc1.getOutputShapes(new Shape[] {pooled}));
    }

    @Override
    public void nameParameters(String prefix, Map<String, Parameter> out) {
        ReferenceLayers.nameConv(out, prefix + ".fc1", fc1);
        ReferenceLayers.nameConv(out, prefix + ".fc2", fc2);
    }
}
