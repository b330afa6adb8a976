package io.x3dava.backbone.x3d;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv3d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import java.util.Map;

/**
 * conv5 of X3D (paper Table 1): 1x1x1 conv from res5 to the last stage's inner width, BN, ReLU. Part of the
 * classification head, and the alternative feature map of the AVA detector. Reference names: conv_5, conv_5_bn.
 */
public final class X3DConv5 extends AbstractBlock implements ReferenceNamed {

    private final Conv3d conv;
    private final BatchNorm bn;

    public X3DConv5(int dimInner) {
        conv = addChildBlock("conv_5", ReferenceLayers.pointwise(dimInner, false));
        bn = addChildBlock("conv_5_bn", ReferenceLayers.batchNorm());
    }

    public static X3DConv5 of(X3DConfig c) {
        return new X3DConv5(X3DStageSpec.of(c).get(3).dimInner());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDList x = bn.forward(ps, conv.forward(ps, inputs, training), training);
        return new NDList(Activation.relu(x.singletonOrThrow()));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return conv.getOutputShapes(inputs);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        conv.initialize(manager, dataType, inputShapes);
        bn.initialize(manager, dataType, conv.getOutputShapes(inputShapes));
    }

    @Override
    public void nameParameters(String prefix, Map<String, Parameter> out) {
        ReferenceLayers.nameConv(out, prefix + ".conv_5", conv);
        ReferenceLayers.nameBatchNorm(out, prefix + ".conv_5_bn", bn);
    }
}
