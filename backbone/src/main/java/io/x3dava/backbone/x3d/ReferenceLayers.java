package io.x3dava.backbone.x3d;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv3d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;

import java.util.Map;

/**
 * The layer conventions of the reference implementation (PySlowFast), and the names its state dict gives their
 * parameters, so that a checkpoint maps onto DJL blocks one key at a time.
 */
final class ReferenceLayers {

    /** PyTorch BatchNorm3d defaults: eps 1e-5, momentum 0.1; DJL's momentum is the weight of the old value. */
    static final float BN_EPS = 1e-5f;
    static final float BN_MOMENTUM_DJL = 0.9f;

    private ReferenceLayers() {
    }

    static Conv3d conv(int filters, Shape kernel, Shape stride, Shape padding, int groups, boolean bias) {
        return Conv3d.builder().setFilters(filters).setKernelShape(kernel).optStride(stride).optPadding(padding)
                .optGroups(groups).optBias(bias).build();
    }

    static Conv3d pointwise(int filters, boolean bias) {
        return conv(filters, new Shape(1, 1, 1), new Shape(1, 1, 1), new Shape(0, 0, 0), 1, bias);
    }

    static BatchNorm batchNorm() {
        return BatchNorm.builder().optAxis(1).optEpsilon(BN_EPS).optMomentum(BN_MOMENTUM_DJL).build();
    }

    static void nameConv(Map<String, Parameter> out, String key, Block conv) {
        out.put(key + ".weight", param(conv, "weight", key));
        Parameter bias = conv.getParameters().get("bias");
        if (bias != null) {
            out.put(key + ".bias", bias);
        }
    }

    static void nameLinear(Map<String, Parameter> out, String key, Linear linear) {
        nameConv(out, key, linear);
    }

    static void nameBatchNorm(Map<String, Parameter> out, String key, BatchNorm bn) {
        out.put(key + ".weight", param(bn, "gamma", key));
        out.put(key + ".bias", param(bn, "beta", key));
        out.put(key + ".running_mean", param(bn, "runningMean", key));
        out.put(key + ".running_var", param(bn, "runningVar", key));
    }

    private static Parameter param(Block block, String djlName, String key) {
        Parameter p = block.getParameters().get(djlName);
        if (p == null) {
            throw new IllegalStateException("DJL block for " + key + " has no parameter '" + djlName + "': "
                    + block.getParameters().keys());
        }
        return p;
    }
}
