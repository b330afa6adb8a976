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
 *
 * <p>The strided 1x1x1 shortcut is computed as a strided slice (every {@code stride}-th pixel) followed by a stride-1
 * 1x1x1 conv: the same function and gradients, same weight shape and key, but it never reaches oneDNN's strided 1x1
 * backward-weights kernel, which writes past its workspace on AVX2/AVX-512 (oneDNN issue #6035: SIGSEGV, hangs or
 * wrong weight gradients during pretraining).
 */
public final class X3DResBlock extends AbstractBlock implements ReferenceNamed {

    private final Conv3d branch1;
    private final BatchNorm branch1Bn;
    private final X3DBottleneck branch2;
    private final int spatialStride;

    public X3DResBlock(int dimIn, int dimInner, int dimOut, int spatialStride, int seDim) {
        if (dimIn != dimOut || spatialStride != 1) {
            branch1 = addChildBlock("branch1", ReferenceLayers.pointwise(dimOut, false));
            branch1Bn = addChildBlock("branch1_bn", ReferenceLayers.batchNorm());
        } else {
            branch1 = null;
            branch1Bn = null;
        }
        branch2 = addChildBlock("branch2", new X3DBottleneck(dimInner, dimOut, spatialStride, seDim));
        this.spatialStride = spatialStride;
    }

    /** The spatial stride of the shortcut (and of branch2's channel-wise conv). */
    public int spatialStride() {
        return spatialStride;
    }

    /** x[:, :, :, ::s, ::s]: what a 1x1x1 conv with spatial stride s reads; x itself when s is 1. */
    static NDArray strided(NDArray x, int stride) {
        return stride == 1 ? x : x.get(":, :, :, ::" + stride + ", ::" + stride);
    }

    public X3DBottleneck branch2() {
        return branch2;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray f = branch2.forward(ps, inputs, training).singletonOrThrow();
        NDArray x = inputs.singletonOrThrow();
        NDArray shortcut = branch1 == null
                ? x
                : branch1Bn.forward(ps, branch1.forward(ps, new NDList(strided(x, spatialStride)), training),
                        training).singletonOrThrow();
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
