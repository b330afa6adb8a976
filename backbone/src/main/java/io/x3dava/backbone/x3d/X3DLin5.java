package io.x3dava.backbone.x3d;

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
 * lin_5 of X3D (paper Table 1, "fc1"): a 1x1x1 conv without bias and without BN from conv5's width to dimC5 (2048),
 * then ReLU. Part of the classification head, and the widest feature option of the AVA detector. Reference name: lin_5.
 */
public final class X3DLin5 extends AbstractBlock implements ReferenceNamed {

    private final Conv3d conv;

    public X3DLin5(int dimC5) {
        conv = addChildBlock("lin_5", ReferenceLayers.pointwise(dimC5, false));
    }

    public static X3DLin5 of(X3DConfig c) {
        return new X3DLin5(c.dimC5());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return new NDList(Activation.relu(conv.forward(ps, inputs, training).singletonOrThrow()));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return conv.getOutputShapes(inputs);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        conv.initialize(manager, dataType, inputShapes);
    }

    @Override
    public void nameParameters(String prefix, Map<String, Parameter> out) {
        ReferenceLayers.nameConv(out, prefix + ".lin_5", conv);
    }
}
