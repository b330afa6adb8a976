package io.x3dava.detector.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;

import io.x3dava.backbone.checkpoint.Checkpoints;
import io.x3dava.backbone.x3d.X3DInit;
import io.x3dava.backbone.x3d.X3DNetwork;
import io.x3dava.backbone.x3d.X3DPresets;
import io.x3dava.backbone.x3d.X3DStateDict;
import io.x3dava.detector.roi.RoiAlign;
import io.x3dava.detector.roi.RoiAlignConfig;
import io.x3dava.detector.run.AvaRecipe;
import io.x3dava.detector.run.AvaRun;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AvaDetectorTest {

    @Test
    void headPoolsTimeThenMaxPoolsTheBoxAndClassifies() {
        try (NDManager m = NDManager.newBaseManager()) {
            AvaHead head = new AvaHead(new RoiAlign(new RoiAlignConfig(2, 1.0, 0, true)), 3, 0.5);
            head.initialize(m, DataType.FLOAT32, new Shape(1, 2, 2, 4, 4), new Shape(1, 5));
            // Channel 0 is 1 everywhere at t=0 and 3 at t=1 (temporal mean 2); channel 1 is 0 except a 5 in the
            // bottom-right cell at t=0 (mean 2.5 there).
            float[] f = new float[2 * 2 * 16];
            for (int i = 0; i < 16; i++) {
                f[i] = 1;
                f[16 + i] = 3;
            }
            f[32 + 15] = 5;
            NDArray features = m.create(f, new Shape(1, 2, 2, 4, 4));
            Map<String, Parameter> named = new java.util.LinkedHashMap<>();
            head.nameParameters("head", named);
            named.get("head.projection.weight").getArray().set(new float[] {1, 0, 0, 1, 1, 1});
            named.get("head.projection.bias").getArray().set(new float[] {0, 0, 0});
            NDArray boxes = m.create(new float[] {0, 0, 0, 4, 4}, new Shape(1, 5));
            NDArray logits = head.forward(new ParameterStore(m, false), new NDList(features, boxes), false)
                    .singletonOrThrow();
            float[] v = logits.toFloatArray();
            assertEquals(2.0, v[0], 1e-5); // max of channel 0 = 2
            // Channel 1 after the temporal mean is 2.5 in cell (3, 3) only. RoIAlign (aligned, box -0.5..3.5, 2x2
            // bins of 2 cells, 2x2 samples per bin at 2.0 and 3.0) gives the bottom-right bin one sample on (3, 3):
            // 2.5 / 4 = 0.625, the other bins 0. The spatial max is 0.625; a spatial mean would give 0.15625.
            assertEquals(0.625, v[1], 1e-5, "channel 1: spatial max over the RoI bins");
            assertEquals(2.625, v[2], 1e-5);
        }
    }

    @Test
    void foldedBackboneGivesTheEvalFeaturesForEveryFeatureChoice() {
        for (DetectorFeatures features : DetectorFeatures.values()) {
            DetectorConfig cfg = DetectorConfig.paper(X3DPresets.get("XS").withClip(4, 4, 64), 5)
                    .withFeatures(features);
            try (NDManager m = NDManager.newBaseManager()) {
                AvaDetector d = AvaDetector.create(cfg, m, 3);
                java.util.Random rng = new java.util.Random(7);
                // non-trivial BN statistics and affine values, so that folding them matters
                for (Map.Entry<String, Parameter> e : d.referenceParameters().entrySet()) {
                    NDArray a = e.getValue().getArray();
                    float[] v = a.toFloatArray();
                    for (int i = 0; i < v.length; i++) {
                        v[i] = e.getKey().endsWith("running_var") ? 0.5f + rng.nextFloat()
                                : e.getKey().contains("bn") ? (float) (0.2 * rng.nextGaussian()) + (e.getKey()
                                .endsWith(".weight") ? 1f : 0f) : v[i];
                    }
                    a.set(v);
                }
                ParameterStore ps = new ParameterStore(m, false);
                NDArray clips = m.randomNormal(new Shape(2, 3, 4, 64, 64));
                NDArray want = d.features(ps, clips, false);
                try (var folded = d.forInference(ps, m.getDevice(), m)) {
                    NDArray got = folded.features(clips);
                    assertEquals(want.getShape(), got.getShape(), features.name());
                    float diff = want.sub(got).abs().max().getFloat();
                    float scale = want.abs().max().getFloat();
                    assertTrue(diff <= 1e-5f * Math.max(1f, scale), features + ": max difference " + diff);
                }
            }
        }
    }

    @Test
    void detectorForwardAndBackwardReachTheBackbone() {
        DetectorConfig cfg = DetectorConfig.paper(X3DPresets.get("XS").withClip(4, 4, 64), 80);
        try (NDManager m = NDManager.newBaseManager()) {
            AvaDetector d = AvaDetector.create(cfg, m, 1);
            Map<String, Parameter> params = d.referenceParameters();
            assertTrue(params.containsKey("s1.pathway0_stem.conv_xy.weight"));
            assertTrue(params.containsKey("head.projection.weight"));
            NDArray stem = params.get("s1.pathway0_stem.conv_xy.weight").getArray();
            stem.setRequiresGradient(true);
            NDArray clips = m.randomNormal(new Shape(2, 3, 4, 64, 64));
            NDArray boxes = m.create(new float[] {0, 4, 4, 40, 60, 1, 10, 0, 63, 63, 1, 0, 0, 20, 20},
                    new Shape(3, 5));
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray logits = d.forward(new ParameterStore(m, false), new NDList(clips, boxes), true)
                        .singletonOrThrow();
                assertEquals(new Shape(3, 80), logits.getShape());
                gc.backward(logits.sum());
            }
            assertTrue(stem.getGradient().abs().sum().getFloat() > 0, "gradient reaches the stem");
        }
    }

    @Test
    void startsFromAKineticsCheckpointWithoutItsClassifier(@TempDir Path dir) throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            X3DNetwork kinetics = X3DInit.newNetwork(X3DPresets.get("XS").withNumClasses(400), m, 5);
            Path file = dir.resolve("k.safetensors");
            Checkpoints.writeSafetensors(file, X3DStateDict.export(kinetics.referenceParameters()));
            DetectorConfig cfg = DetectorConfig.paper(X3DPresets.get("XS"), 80);
            AvaRecipe recipe = AvaRecipe.builder().setDetector(cfg).optVideos(dir)
                    .optLabelMap(dir.resolve("labels.pbtxt")).optBatchSize(2)
                    .optSchedule(AvaRecipe.defaultSchedule(2, 2)).optWorkers(1).build();
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            AvaDetector d = new AvaRun(recipe, new PrintStream(log)).detector(m, file);
            String key = "s4.pathway0_res3.branch2.b.weight";
            assertTrue(d.referenceParameters().get(key).getArray()
                    .contentEquals(kinetics.referenceParameters().get(key).getArray()));
            assertTrue(log.toString().contains("skipped"), log.toString());
        }
    }
}
