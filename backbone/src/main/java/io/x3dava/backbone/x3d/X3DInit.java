package io.x3dava.backbone.x3d;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;

import java.util.Map;
import java.util.Random;

/**
 * PySlowFast's init_weights for a fresh network: convs Kaiming-normal with fan-out (c2_msra_fill), fc weights normal
 * with std 0.01, biases 0, BN gamma 1 and beta 0, except the last BN of every residual branch whose gamma is 0 so that
 * each block starts as the identity (zero_init_final_bn); running mean 0, running variance 1.
 */
public final class X3DInit {

    private static final double FC_STD = 0.01;

    private X3DInit() {
    }

    public static void apply(Map<String, Parameter> reference, long seed) {
        Random rng = new Random(seed);
        for (Map.Entry<String, Parameter> e : reference.entrySet()) {
            String key = e.getKey();
            NDArray array = e.getValue().getArray();
            Shape shape = array.getShape();
            float[] values = new float[Math.toIntExact(shape.size())];
            if (key.endsWith(".running_var")) {
                java.util.Arrays.fill(values, 1f);
            } else if (key.endsWith(".weight") && isBatchNorm(key)) {
                java.util.Arrays.fill(values, key.endsWith("c_bn.weight") ? 0f : 1f);
            } else if (key.endsWith(".weight") && shape.dimension() == 5) {
                long fanOut = shape.get(0) * shape.get(2) * shape.get(3) * shape.get(4);
                fillNormal(values, Math.sqrt(2.0 / fanOut), rng);
            } else if (key.endsWith(".weight") && shape.dimension() == 2) {
                fillNormal(values, FC_STD, rng);
            }
            // biases, BN beta and running means stay 0
            array.set(values);
        }
    }

    /** The BatchNorm parameters among reference keys: the recipes exempt them from weight decay (BN.WEIGHT_DECAY 0). */
    public static java.util.Set<String> batchNormKeys(java.util.Collection<String> keys) {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (String k : keys) {
            if (isBatchNorm(k)) {
                out.add(k);
            }
        }
        return out;
    }

    public static boolean isBatchNorm(String key) {
        String module = key.substring(0, key.lastIndexOf('.'));
        return module.endsWith("_bn") || module.endsWith(".bn");
    }

    private static void fillNormal(float[] values, double std, Random rng) {
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (rng.nextGaussian() * std);
        }
    }

    /** Initialises a network's parameters from scratch. */
    public static X3DNetwork newNetwork(X3DConfig config, NDManager manager, long seed) {
        X3DNetwork net = new X3DNetwork(config);
        net.initialize(manager);
        apply(net.referenceParameters(), seed);
        return net;
    }
}
