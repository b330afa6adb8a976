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
 * The residual branch of an X3D block (PySlowFast X3DTransform): 1x1x1 conv, BN, ReLU; 3x3x3 channel-wise conv with the
 * block's spatial stride, BN, optional SE, Swish; 1x1x1 conv, BN (gamma zero-initialised by the trainer).
 * Reference names: a, a_bn, b, b_bn, se, c, c_bn.
 */
public final class X3DBottleneck extends AbstractBlock implements ReferenceNamed {

    private final Conv3d a;
    private final BatchNorm aBn;
    private final Conv3d b;
    private final BatchNorm bBn;
    private final SqueezeExcitation se;
    private final Conv3d c;
    private final BatchNorm cBn;

    public X3DBottleneck(int dimInner, int dimOut, int spatialStride, int seDim) {
        a = addChildBlock("a", ReferenceLayers.pointwise(dimInner, false));
        aBn = addChildBlock("a_bn", ReferenceLayers.batchNorm());
        b = addChildBlock("b", ReferenceLayers.conv(dimInner, new Shape(3, 3, 3),
                new Shape(1, spatialStride, spatialStride), new Shape(1, 1, 1), dimInner, false));
        bBn = addChildBlock("b_bn", ReferenceLayers.batchNorm());
        se = seDim > 0 ? addChildBlock("se", new SqueezeExcitation(dimInner, seDim)) : null;
        c = addChildBlock("c", ReferenceLayers.pointwise(dimOut, false));
        cBn = addChildBlock("c_bn", ReferenceLayers.batchNorm());
    }
    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDList x = aBn.forward(ps, a.forward(ps, inputs, training), training);
        x = new NDList(Activation.relu(x.singletonOrThrow()));
        x = bBn.forward(ps, b.forward(ps, x, training), training);
        if (se != null) {
            x = se.forward(ps, x, training);
        }
        NDArray t = x.singletonOrThrow();
        x = new NDList(t.mul(Activation.sigmoid(t))); // Swish (paper section 3, after the channel-wise conv)
        return cBn.forward(ps, c.forward(ps, x, training), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return c.getOutputShapes(b.getOutputShapes(a.getOutputShapes(inputs)));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        a.initialize(manager, dataType, inputShapes);
        Shape[] s = a.getOutputShapes(inputShapes);
        aBn.initialize(manager, dataType, s);
        b.initialize(manager, dataType, s);
        s = b.getOutputShapes(s);
        bBn.initialize(manager, dataType, s);
        if (se != null) {
            se.initialize(manager, dataType, s);
        }
        c.initialize(manager, dataType, s);
        cBn.initialize(manager, dataType, c.getOutputShapes(s));
    }

    @Override
    public void nameParameters(String prefix, Map<String, Parameter> out) {
        ReferenceLayers.nameConv(out, prefix + ".a", a);
        ReferenceLayers.nameBatchNorm(out, prefix + ".a_bn", aBn);
        ReferenceLayers.nameConv(out, prefix + ".b", b);
        ReferenceLayers.nameBatchNorm(out, prefix + ".b_bn", bBn);
        if (se != null) {
            se.nameParameters(prefix + ".se", out);
        }
        ReferenceLayers.nameConv(out, prefix + ".c", c);
        ReferenceLayers.nameBatchNorm(out, prefix + ".c_bn", cBn);
    }
}
