package io.x3dava.backbone.x3d;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class X3DArchitectureTest {

    /** Paper Table 3 (and Table 1 for X2D): GFLOPs and millions of parameters at the training clip. */
    @ParameterizedTest
    @CsvSource({"X2D, 0.02067, 1.63", "X3D-XS, 0.60, 3.76", "X3D-S, 1.96, 3.76", "X3D-M, 4.73, 3.76",
        "X3D-L, 18.37, 6.08", "X3D-XL, 35.84, 11.0"})
    void complexityMatchesThePaper(String preset, double gflops, double mparams) {
        X3DComplexity.Report r = X3DComplexity.ofTrainingClip(X3DPresets.get(preset));
        System.out.print(r.table());
        assertEquals(gflops, r.flops() / 1e9, 0.01 * gflops, preset + " GFLOPs");
        assertEquals(mparams, r.params() / 1e6, 0.01 * mparams, preset + " params");
    }

    @Test
    void roundsWidthsAsTheReference() {
        assertEquals(24, X3DWidths.round(12, 2.0));
        assertEquals(32, X3DWidths.round(12, 2.9));
        assertEquals(72, X3DWidths.round(24, 2.9));
        assertEquals(8, X3DWidths.round(54, 0.0625));
        assertEquals(32, X3DWidths.round(432, 0.0625)); // 27 rounds to 24, which is <90% of 27, so 32
        List<X3DStageSpec> xs = X3DStageSpec.of(X3DPresets.get("xs"));
        assertEquals(List.of(3, 5, 11, 7), xs.stream().map(X3DStageSpec::depth).toList());
        assertEquals(List.of(54, 108, 216, 432), xs.stream().map(X3DStageSpec::dimInner).toList());
    }

    @Test
    void builtNetworkHasTheReferenceKeysShapesAndCounts() throws Exception {
        JsonNode meta = new ObjectMapper().readTree(X3DFixtures.file("x3d_xs_meta.json").toFile());
        try (NDManager m = NDManager.newBaseManager()) {
            X3DNetwork net = X3DInit.newNetwork(X3DPresets.get("xs"), m, 1);
            Map<String, Parameter> params = net.referenceParameters();
            List<String> expected = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = meta.get("state_dict_keys").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().endsWith("num_batches_tracked")) {
                    continue;
                }
                expected.add(e.getKey());
                long[] shape = new long[e.getValue().size()];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = e.getValue().get(i).asLong();
                }
                Parameter p = params.get(e.getKey());
                assertTrue(p != null, "network lacks " + e.getKey());
                assertEquals(Arrays.toString(shape), Arrays.toString(p.getArray().getShape().getShape()), e.getKey());
            }
            assertEquals(expected, new ArrayList<>(params.keySet()), "same keys in the same order");
            long withoutBn = 0;
            long total = 0;
            for (Map.Entry<String, Parameter> e : params.entrySet()) {
                String k = e.getKey();
                if (k.endsWith("running_mean") || k.endsWith("running_var")) {
                    continue;
                }
                long n = e.getValue().getArray().size();
                total += n;
                if (!X3DInit.isBatchNorm(k)) {
                    withoutBn += n;
                }
            }
            assertEquals(meta.get("params_without_bn").asLong(), withoutBn);
            assertEquals(meta.get("params_total").asLong(), total);
            assertEquals(withoutBn, X3DComplexity.ofTrainingClip(X3DPresets.get("xs")).params());
        }
    }

    @Test
    void forwardShapesAndSlidingTestPool() {
        X3DConfig c = X3DPresets.get("xs").withNumClasses(7);
        try (NDManager m = NDManager.newBaseManager()) {
            X3DNetwork net = X3DInit.newNetwork(c, m, 3);
            ParameterStore ps = new ParameterStore(m, false);
            NDArray x = m.randomNormal(new Shape(2, 3, 4, 160, 160));
            NDArray res5 = net.backbone().forward(ps, new NDList(x), false).singletonOrThrow();
            assertEquals(new Shape(2, 192, 4, 5, 5), res5.getShape());
            NDArray logits = net.forward(ps, new NDList(x), false).singletonOrThrow();
            assertEquals(new Shape(2, 7), logits.getShape());
            // Larger test crop: the training pool window slides, one logit row per position (PySlowFast testing).
            NDArray big = m.randomNormal(new Shape(1, 3, 4, 192, 192));
            assertEquals(new Shape(1, 4, 7), net.forward(ps, new NDList(big), false).singletonOrThrow().getShape());
            NDArray p = net.scores(ps, big, false);
            assertEquals(1.0, p.sum().getFloat(), 1e-5);
        }
    }

    /** A residual block as X3DInit leaves it, on a (1, dimIn, 2, 8, 8) input that is >= 0 (a ReLU's output). */
    private static NDArray freshBlockOutput(NDManager m, X3DResBlock block, NDArray x) {
        block.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, x.getShape());
        Map<String, Parameter> named = new java.util.LinkedHashMap<>();
        block.nameParameters("s3.pathway0_res0", named);
        X3DInit.apply(named, 11);
        return block.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
    }

    @Test
    void freshBlocksAreIdentitiesOnTheirShortcut() {
        try (NDManager m = NDManager.newBaseManager()) {
            // zero_init_final_bn: branch2's last BN has gamma 0, so a fresh block is relu(shortcut) and, with an
            // identity shortcut, returns its (non-negative) input unchanged
            NDArray x = m.randomUniform(0f, 2f, new Shape(1, 24, 2, 8, 8));
            NDArray same = freshBlockOutput(m, new X3DResBlock(24, 54, 24, 1, 8), x);
            assertEquals(0f, same.sub(x).abs().max().getFloat(), 1e-6f, "identity block returns its input");
            // projection shortcut (first block of a stage): relu(BN(conv1x1(x[..., ::2, ::2]))), fresh BN = 1/sqrt(1+eps)
            NDArray in = m.randomUniform(0f, 2f, new Shape(1, 12, 2, 8, 8));
            X3DResBlock first = new X3DResBlock(12, 54, 24, 2, 8);
            NDArray got = freshBlockOutput(m, first, in);
            Map<String, Parameter> named = new java.util.LinkedHashMap<>();
            first.nameParameters("s", named);
            NDArray w = named.get("s.branch1.weight").getArray().reshape(24, 12);
            NDArray strided = in.get(":, :, :, ::2, ::2").reshape(12, -1);
            NDArray want = w.matMul(strided).div(Math.sqrt(1 + 1e-5)).maximum(0f).reshape(1, 24, 2, 4, 4);
            assertEquals(new Shape(1, 24, 2, 4, 4), got.getShape());
            assertTrue(want.abs().max().getFloat() > 0.1f, "a non-trivial shortcut");
            assertEquals(0f, got.sub(want).abs().max().getFloat(), 1e-5f, "fresh projection block = relu(shortcut)");
        }
    }

    @Test
    void configRoundTripsThroughJsonAndRejectsBadValues() throws Exception {
        X3DConfig c = X3DPresets.get("m");
        assertEquals(c, X3DConfig.fromJson(c.toJson()));
        assertThrows(IllegalArgumentException.class, () -> X3DPresets.get("X3D-Q"));
        Exception e = assertThrows(Exception.class, () -> X3DConfig.fromJson(c.toJson().replace("\"numFrames\" : 16",
                "\"numFrames\" : 0")));
        assertTrue(e.getMessage().contains("numFrames"), e.getMessage());
    }
}
