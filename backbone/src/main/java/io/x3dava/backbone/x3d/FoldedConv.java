package io.x3dava.backbone.x3d;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv3d;

import java.util.Map;

/**
 * A 3D convolution whose following inference-mode BatchNorm is folded into its weight and bias:
 * BN(conv(x)) = conv'(x) with w' = w * s and b' = beta + (b - mean) * s per output channel, s = gamma / sqrt(var + eps).
 * What torch.jit.freeze does to a frozen TorchScript X3D; one op instead of two and one activation less.
 *
 * @param key the convolution's PySlowFast state-dict key (e.g. {@code s2.pathway0_res0.branch2.a}): the folded
 *     weight and bias are exported under {@code key.weight} / {@code key.bias}
 * @param weight (O, I / groups, kT, kH, kW)
 * @param bias (O), or null for a convolution without bias and without BN
 */
record FoldedConv(String key, NDArray weight, NDArray bias, Shape stride, Shape padding, int groups) {

    private static final Shape ONE = new Shape(1, 1, 1);
    private static final Shape ZERO = new Shape(0, 0, 0);

    /** The convolution through DJL (the head's lin5; the trunk's run in {@link X3DScript}). */
    NDArray apply(NDArray x) {
        return Conv3d.conv3d(x, weight, bias, stride, padding, ONE, groups).singletonOrThrow();
    }

    /** A 1x1x1 kernel, stride 1, no padding, one group: a matrix product per position. */
    boolean isPointwise() {
        Shape k = weight.getShape();
        return groups == 1 && k.get(2) == 1 && k.get(3) == 1 && k.get(4) == 1 && stride.equals(ONE)
                && padding.equals(ZERO);
    }

    /** A 1x1x1 convolution, stride 1. */
    static FoldedConv pointwise(Map<String, NDArray> sd, String conv, String bn, NDManager m) {
        return of(sd, conv, bn, ONE, ZERO, 1, m);
    }

    /**
     * Copies {@code conv}.weight (and .bias if present) into {@code m}, folding the BN at {@code bn} (null for none).
     */
    static FoldedConv of(Map<String, NDArray> sd, String conv, String bn, Shape stride, Shape padding, int groups,
                         NDManager m) {
        NDArray w = require(sd, conv + ".weight");
        NDArray b = sd.get(conv + ".bias");
        if (bn == null) {
            return new FoldedConv(conv, copy(w, m), b == null ? null : copy(b, m), stride, padding, groups);
        }
        try (NDManager scope = m.newSubManager()) {
            NDArray gamma = copy(require(sd, bn + ".weight"), scope);
            NDArray beta = copy(require(sd, bn + ".bias"), scope);
            NDArray mean = copy(require(sd, bn + ".running_mean"), scope);
            NDArray var = copy(require(sd, bn + ".running_var"), scope);
            NDArray s = gamma.div(var.add(ReferenceLayers.BN_EPS).sqrt());
            NDArray weight = copy(w, scope).mul(s.reshape(-1, 1, 1, 1, 1));
            NDArray shift = b == null ? mean.neg() : copy(b, scope).sub(mean);
            NDArray bias = beta.add(shift.mul(s));
            weight.attach(m);
            bias.attach(m);
            return new FoldedConv(conv, weight, bias, stride, padding, groups);
        }
    }

    static NDArray require(Map<String, NDArray> sd, String key) {
        NDArray a = sd.get(key);
        if (a == null) {
            throw new IllegalStateException("network has no parameter " + key);
        }
        return a;
    }

    /** A detached copy in {@code m}: the folded network is a snapshot, training the original does not change it. */
    static NDArray copy(NDArray a, NDManager m) {
        NDArray c = a.duplicate();
        c.attach(m);
        return c;
    }
}
