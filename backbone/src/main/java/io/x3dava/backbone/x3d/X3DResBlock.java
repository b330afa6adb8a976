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
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import java.util.Map;

/**
 * Residual block: ReLU(shortcut(x) + branch2(x)), where the shortcut is a strided 1x1x1 conv + BN when the width or
 * stride changes and the identity otherwise. Reference names: branch1, branch1_bn, branch2.
 */
public final class X3DResBlock extends AbstractBlock implements ReferenceNamed {

    private final Conv3d branch1;
    private final BatchNorm branch1Bn;
    private final X3DBottleneck branch2;

    public X3DResBlock(int dimIn, int dimInner, int dimOut, int spatialStride, int seDim) {
        if (dimIn != dimOut || spatialStride != 1) {
            branch1 = addChildBlock("branch1", ReferenceLayers.conv(dimOut, new Shape(1, 1, 1),
                    new Shape(1, spatialStride, spatialStride), new Shape(0, 0, 0), 1, false));
            branch1Bn = addChildBlock("branch1_bn", ReferenceLayers.batchNorm());
        } else {
            branch1 = null;
            branch1Bn = null;
        }
        branch2 = addChildBlock("branch2", new X3DBottleneck(dimInner, dimOut, spatialStride, seDim));
    }

    public X3DBottleneck branch2() {
        return branch2;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray f = branch2.forward(ps, inputs, training).singletonOrThrow();
        NDArray shortcut = branch1 == null
                ? inputs.singletonOrThrow()
                : branch1Bn.forward(ps, branch1.forward(ps, inputs, training), training).singletonOrThrow();
        return new NDList(Activation.relu(shortcut.add(f)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return branch2.getOutputShapes(inputs);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        if (branch1 != null) {
            branch1.initialize(manager, dataType, inputShapes);
            branch1Bn.initialize(manager, dataType, branch1.getOutputShapes(inputShapes));
        }
        branch2.initialize(manager, dataType, inputShapes);
    }

    @Override
    public void nameParameters(String prefix, Map<String, Parameter> out) {
        if (branch1 != null) {
            ReferenceLayers.nameConv(out, prefix + ".branch1", branch1);
            ReferenceLayers.nameBatchNorm(out, prefix + ".branch1_bn", branch1Bn);
        }
        branch2.nameParameters(prefix + ".branch2", out);
    }
}
