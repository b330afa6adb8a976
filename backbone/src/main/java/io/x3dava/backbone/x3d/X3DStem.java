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
 * conv1 of X3D (paper Table 1): a 1x3x3 spatial conv with stride 2 from RGB, then a channel-wise 5x1x1 temporal conv,
 * BN, ReLU; no pooling and no temporal stride. Reference names: conv_xy, conv, bn.
 */
public final class X3DStem extends AbstractBlock implements ReferenceNamed {

    private final Conv3d convXy;
    private final Conv3d convT;
    private final BatchNorm bn;

    public X3DStem(int width, int temporalKernel) {
        convXy = addChildBlock("conv_xy", ReferenceLayers.conv(width, new Shape(1, 3, 3), new Shape(1, 2, 2),
                new Shape(0, 1, 1), 1, false));
        convT = addChildBlock("conv", ReferenceLayers.conv(width, new Shape(temporalKernel, 1, 1),
                new Shape(1, 1, 1), new Shape(temporalKernel / 2, 0, 0), width, false));
        bn = addChildBlock("bn", ReferenceLayers.batchNorm());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDList x = convXy.forward(ps, inputs, training);
        x = convT.forward(ps, x, training);
        x = bn.forward(ps, x, training);
        return new NDList(Activation.relu(x.singletonOrThrow()));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return convT.getOutputShapes(convXy.getOutputShapes(inputs));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        convXy.initialize(manager, dataType, inputShapes);
        Shape[] s = convXy.getOutputShapes(inputShapes);
        convT.initialize(manager, dataType, s);
        s = convT.getOutputShapes(s);
        bn.initialize(manager, dataType, s);
    }

    @Override
    public void nameParameters(String prefix, Map<String, Parameter> out) {
        ReferenceLayers.nameConv(out, prefix + ".conv_xy", convXy);
        ReferenceLayers.nameConv(out, prefix + ".conv", convT);
        ReferenceLayers.nameBatchNorm(out, prefix + ".bn", bn);
    }
}
