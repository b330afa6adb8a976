package io.x3dava.backbone.x3d;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

import io.x3dava.backbone.checkpoint.Checkpoints;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The BN-folded inference copy computes the eval-mode network's function, frees its intermediates, is a snapshot. */
class X3DInferenceTest {

    /** XS at a 64-pixel training crop: every block kind (strided/identity shortcuts, SE on/off), fast. */
    private static final X3DConfig SMALL = X3DPresets.get("XS").withNumClasses(7).withClip(4, 12, 64);

    /** Random BN statistics and affine parameters (the fresh init has gamma 0 in c_bn, hiding residual branches). */
    static void randomise(X3DNetwork net, long seed) {
        Random rng = new Random(seed);
        for (Map.Entry<String, Parameter> e : net.referenceParameters().entrySet()) {
            String k = e.getKey();
            NDArray a = e.getValue().getArray();
            float[] v = a.toFloatArray();
            for (int i = 0; i < v.length; i++) {
                if (k.endsWith("running_var")) {
                    v[i] = 0.5f + rng.nextFloat();
                } else if (X3DInit.isBatchNorm(k) && k.endsWith(".weight")) {
                    v[i] = 0.5f + rng.nextFloat();
                } else if (k.endsWith("running_mean") || k.endsWith(".bias")) {
                    v[i] = (float) (0.1 * rng.nextGaussian());
                } else if (!k.endsWith(".weight")) {
                    continue;
                } else if (v[i] == 0) {
                    v[i] = (float) (0.01 * rng.nextGaussian());
                }
            }
            a.set(v);
        }
    }

    static double relErr(NDArray got, NDArray want) {
        return got.sub(want).abs().max().getFloat() / Math.max(1e-12, want.abs().max().getFloat());
    }

    @Test
    void foldedEqualsEvalNetworkAtTrainingAndLargerCrops() {
        try (NDManager m = NDManager.newBaseManager()) {
            X3DNetwork net = X3DInit.newNetwork(SMALL, m, 3);
            randomise(net, 4);
            ParameterStore ps = new ParameterStore(m, false);
            Engine.getInstance().setRandomSeed(5);
            try (X3DInference folded = net.forInference(m)) {
                for (int crop : new int[] {64, 96}) { // 96: res5 3x3 > the 2x2 pool window, 4 positions
                    NDArray x = m.randomNormal(new Shape(2, 3, 4, crop, crop));
                    NDArray res5 = net.backbone().forward(ps, new NDList(x), false).singletonOrThrow();
                    NDArray want = net.forward(ps, new NDList(x), false).singletonOrThrow();
                    double e5 = relErr(folded.res5(x), res5);
                    NDArray got = folded.logits(x);
                    assertEquals(want.getShape(), got.getShape());
                    double el = relErr(got, want);
                    double ep = relErr(folded.scores(x, false), net.scores(ps, x, false));
                    System.out.printf("folded vs eval network, crop %d: res5 %.2e, logits %.2e, scores %.2e%n", crop,
                            e5, el, ep);
                    assertTrue(e5 < 2e-5, "res5 " + e5);
                    assertTrue(el < 2e-5, "logits " + el);
                    assertTrue(ep < 2e-5, "scores " + ep);
                }
            }
        }
    }

    /**
     * libtorch's profiling executor runs a method's first calls as written and later ones through an optimised graph:
     * every call must give the same function.
     */
    @Test
    void repeatedCallsAgree() {
        try (NDManager m = NDManager.newBaseManager()) {
            X3DNetwork net = X3DInit.newNetwork(SMALL, m, 3);
            randomise(net, 6);
            ParameterStore ps = new ParameterStore(m, false);
            try (X3DInference folded = net.forInference(m)) {
                for (int batch : new int[] {1, 3}) {
                    NDArray x = m.randomNormal(new Shape(batch, 3, 4, 64, 64));
                    NDArray want = net.forward(ps, new NDList(x), false).singletonOrThrow();
                    for (int call = 0; call < 8; call++) {
                        double e = relErr(folded.logits(x), want);
                        System.out.printf("batch %d call %d: %.2e%n", batch, call, e);
                        assertTrue(e < 2e-5, "batch " + batch + ", call " + call + ": " + e);
                    }
                }
            }
        }
    }

    @Test
    void passLeavesNoArrayBehindAndCloseFreesTheWeights() {
        try (NDManager m = NDManager.newBaseManager()) {
            X3DNetwork net = X3DInit.newNetwork(SMALL, m, 3);
            int before = m.getManagedArrays().size();
            X3DInference folded = net.forInference(m);
            try (NDManager pass = m.newSubManager()) {
                NDArray x = pass.randomNormal(new Shape(1, 3, 4, 64, 64));
                int held = pass.getManagedArrays().size();
                NDArray logits = folded.logits(x);
                // the input and the logits; every intermediate was closed as the pass went
                assertEquals(held + 1, pass.getManagedArrays().size(), "arrays left after a pass");
                logits.close();
            }
            folded.close();
            assertEquals(before, m.getManagedArrays().size(), "close() frees the folded weights");
        }
    }

    @Test
    void isASnapshotOfTheWeightsWhenDerived() {
        try (NDManager m = NDManager.newBaseManager()) {
            X3DNetwork net = X3DInit.newNetwork(SMALL, m, 3);
            randomise(net, 9);
            NDArray x = m.randomNormal(new Shape(1, 3, 4, 64, 64));
            try (X3DInference folded = net.forInference(m)) {
                float[] before = folded.logits(x).toFloatArray();
                Parameter gamma = net.referenceParameters().get("s2.pathway0_res0.branch2.a_bn.weight");
                gamma.getArray().muli(3);
                assertEquals(List.of(), diff(before, folded.logits(x).toFloatArray()), "unchanged after training");
                try (X3DInference refolded = net.forInference(m)) {
                    assertTrue(!diff(before, refolded.logits(x).toFloatArray()).isEmpty(), "re-derived sees it");
                }
            }
        }
    }

    @Test
    void reproducesPySlowFastReference() throws Exception {
        Path ckpt = X3DFixtures.file("x3d_xs_zip.pyth");
        Path io = X3DFixtures.file("x3d_xs_io.npz");
        try (NDManager m = NDManager.newBaseManager(); InputStream in = Files.newInputStream(io)) {
            NDList ref = NDList.decode(m, in);
            X3DNetwork net = X3DInit.newNetwork(X3DPresets.get("xs"), m, 0);
            X3DStateDict.load(net.referenceParameters(), Checkpoints.readStateDict(ckpt), true, List.of());
            try (X3DInference folded = net.forInference(m)) {
                NDArray x = ref.get("input");
                double e5 = relErr(folded.res5(x), ref.get("res5"));
                double el = relErr(folded.logits(x), ref.get("logits"));
                double ep = relErr(folded.scores(x, false), ref.get("probabilities"));
                System.out.printf("folded X3D-XS vs PySlowFast: res5 %.2e, logits %.2e, probabilities %.2e%n", e5, el,
                        ep);
                assertTrue(e5 <= 1e-5, "res5 " + e5);
                assertTrue(el <= 1e-5, "logits " + el);
                assertTrue(ep <= 1e-5, "probabilities " + ep);
            }
        }
    }

    private static List<Integer> diff(float[] a, float[] b) {
        List<Integer> out = new java.util.ArrayList<>();
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                out.add(i);
            }
        }
        return out;
    }
}
