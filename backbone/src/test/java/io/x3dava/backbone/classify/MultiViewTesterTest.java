package io.x3dava.backbone.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;

import io.x3dava.backbone.synthetic.Actor;
import io.x3dava.backbone.synthetic.SyntheticVideos;
import io.x3dava.backbone.video.ClipLoader;
import io.x3dava.backbone.video.ClipRequest;
import io.x3dava.backbone.video.ClipSpec;
import io.x3dava.backbone.video.LoadedClip;
import io.x3dava.backbone.video.Placement;
import io.x3dava.backbone.x3d.X3DConfig;
import io.x3dava.backbone.x3d.X3DInit;
import io.x3dava.backbone.x3d.X3DNetwork;
import io.x3dava.backbone.x3d.X3DPresets;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PySlowFast multi-view testing on a tiny X3D: view counting, skipped videos, softmax averaging, max pooling. */
class MultiViewTesterTest {
    @TempDir
    static Path dir;
    static List<VideoSample> samples;

    @BeforeAll
    static void videos() throws Exception {
        Path a = dir.resolve("a.mp4");
        Path b = dir.resolve("b.mp4");
        SyntheticVideos.writeVideo(a, List.of(Actor.of(Actor.LEFT, 0.3, 0.5, 0.3)), 64, 48, 40, 30, 1);
        SyntheticVideos.writeVideo(b, List.of(Actor.of(Actor.PULSE, 0.6, 0.4, 0.3)), 48, 64, 40, 30, 2);
        samples = List.of(VideoSample.singleLabel("a", a, 0), VideoSample.singleLabel("missing",
                dir.resolve("missing.mp4"), 1), VideoSample.singleLabel("b", b, 2));
    }

    private static MultiViewTester.Result run(NDManager m, X3DNetwork net, int clips, int crops, boolean multi) {
        ClipSpec spec = new ClipSpec(4, 2, ClipSpec.DEFAULT_TARGET_FPS);
        return MultiViewTester.builder(net, spec).setViews(clips, crops).setScale(40, 32).optMultiLabel(multi)
                .optWorkers(2).optBatchSize(3).build().run(m, samples);
    }

    private static X3DNetwork tinyNet(NDManager m) {
        X3DConfig c = X3DPresets.get("XS").withNumClasses(3).withClip(4, 2, 32);
        X3DNetwork net = X3DInit.newNetwork(c, m, 7); // seeded: the same network every run
        return net;
    }

    @Test
    void softmaxScoresAreAveragedOverEveryView() {
        try (NDManager m = NDManager.newBaseManager()) {
            MultiViewTester.Result r = run(m, tinyNet(m), 2, 3, false);
            assertEquals(2 * 2 * 3, r.views(), "2 readable videos x 2 clips x 3 crops");
            assertEquals(1, r.skippedVideos());
            assertNull(r.scores()[1], "the missing video has no scores");
            for (int v : new int[] {0, 2}) {
                assertNotNull(r.scores()[v]);
                double sum = 0;
                for (float s : r.scores()[v]) {
                    assertTrue(s >= 0 && s <= 1, "a softmax probability: " + s);
                    sum += s;
                }
                assertEquals(1.0, sum, 1e-5, "an average of softmax vectors sums to 1");
            }
        }
    }

    /**
     * Each view scored on its own by the unfolded network (clip k of K decoded alone, crop c taken alone); the
     * tester's result must be the mean (softmax) or the max (sigmoid) of these: keeping one view, or summing
     * without dividing, gives other numbers.
     */
    private static float[][] perViewScores(NDManager m, X3DNetwork net, Path video, int clips, boolean sigmoid) {
        ClipSpec spec = new ClipSpec(4, 2, ClipSpec.DEFAULT_TARGET_FPS);
        float[][] out = new float[clips * 3][];
        for (int k = 0; k < clips; k++) {
            ClipRequest r = new ClipRequest(video, spec, new Placement.Uniform(k, clips), 40, 0);
            try (ClipLoader loader = new ClipLoader(List.of(r), 1)) {
                LoadedClip clip = loader.next();
                for (int c = 0; c < 3; c++) {
                    try (NDManager bm = m.newSubManager()) {
                        NDArray x = ClipBatches.test(bm, List.of(clip), 40, 32, c);
                        out[k * 3 + c] = net.scores(new ParameterStore(bm, false), x, sigmoid).toFloatArray();
                    }
                }
            }
        }
        return out;
    }

    @Test
    void scoresAreTheMeanOrMaxOfTheViewsScoredOneByOne() {
        try (NDManager m = NDManager.newBaseManager()) {
            X3DNetwork net = tinyNet(m);
            // a classifier with large weights, so that the views' scores differ clearly (fresh fc weights: std 0.01)
            NDArray w = net.referenceParameters().get("head.projection.weight").getArray();
            java.util.Random rng = new java.util.Random(3);
            float[] big = new float[(int) w.size()];
            for (int i = 0; i < big.length; i++) {
                big[i] = (float) (3 * rng.nextGaussian());
            }
            w.set(big);
            for (boolean multi : new boolean[] {false, true}) {
                MultiViewTester.Result r = run(m, net, 2, 3, multi);
                for (int v : new int[] {0, 2}) {
                    float[][] views = perViewScores(m, net, samples.get(v).video(), 2, multi);
                    double spread = 0;
                    for (int k = 0; k < 3; k++) {
                        double want = multi ? Float.NEGATIVE_INFINITY : 0;
                        for (float[] view : views) {
                            want = multi ? Math.max(want, view[k]) : want + view[k] / views.length;
                            spread = Math.max(spread, Math.abs(view[k] - views[0][k]));
                        }
                        assertEquals(want, r.scores()[v][k], 1e-4, (multi ? "max" : "mean") + " over the 6 views, video "
                                + v + " class " + k);
                    }
                    assertTrue(spread > 1e-3, "the views must differ for this check to mean anything: " + spread);
                }
            }
        }
    }

    @Test
    void sigmoidScoresAreMaxPooledSoMoreViewsNeverLowerThem() {
        try (NDManager m = NDManager.newBaseManager()) {
            X3DNetwork net = tinyNet(m);
            MultiViewTester.Result center = run(m, net, 2, 1, true);
            MultiViewTester.Result three = run(m, net, 2, 3, true);
            for (int v : new int[] {0, 2}) {
                for (int k = 0; k < 3; k++) {
                    // the centre crop is one of the three views: the max over a superset is at least as large
                    assertTrue(three.scores()[v][k] >= center.scores()[v][k] - 1e-5f,
                            "video " + v + " class " + k + ": " + three.scores()[v][k] + " < " + center.scores()[v][k]);
                }
            }
            // averaged softmax scores change when the side crops join: the views are really different clips
            MultiViewTester.Result avgCenter = run(m, net, 2, 1, false);
            MultiViewTester.Result avgThree = run(m, net, 2, 3, false);
            double diff = 0;
            for (int k = 0; k < 3; k++) {
                diff = Math.max(diff, Math.abs(avgThree.scores()[0][k] - avgCenter.scores()[0][k]));
            }
            assertTrue(diff > 1e-6, "the side crops left every averaged score unchanged");
        }
    }

    @Test
    void builderRejectsImpossibleViews() {
        try (NDManager m = NDManager.newBaseManager()) {
            X3DNetwork net = tinyNet(m);
            ClipSpec spec = new ClipSpec(4, 2, ClipSpec.DEFAULT_TARGET_FPS);
            assertThrows(IllegalArgumentException.class, () -> MultiViewTester.builder(net, spec).setViews(1, 2));
            assertThrows(IllegalArgumentException.class, () -> MultiViewTester.builder(net, spec).setViews(0, 1));
        }
    }
}
