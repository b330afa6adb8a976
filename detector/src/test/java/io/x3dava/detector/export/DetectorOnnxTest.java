package io.x3dava.detector.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

import io.x3dava.annotations.AtomicFiles;
import io.x3dava.annotations.ava.LabelMap;
import io.x3dava.annotations.ava.LabelMapEntry;
import io.x3dava.annotations.command.CommandLines;
import io.x3dava.annotations.json.Json;
import io.x3dava.backbone.checkpoint.Checkpoints;
import io.x3dava.backbone.onnx.OnnxChecker;
import io.x3dava.backbone.onnx.OnnxRuntimeModel;
import io.x3dava.backbone.x3d.X3DInit;
import io.x3dava.backbone.x3d.X3DPresets;
import io.x3dava.backbone.x3d.X3DStateDict;
import io.x3dava.detector.model.AvaDetector;
import io.x3dava.detector.model.DetectorCheckpoint;
import io.x3dava.detector.model.DetectorConfig;
import io.x3dava.detector.model.DetectorFeatures;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * export-onnx on a detector checkpoint as train-ava writes one: ONNX Runtime's scores equal the project's detector
 * (eval mode, sigmoid) to 1e-4 relative on a non-square clip with boxes partly outside the frame, for res5, conv5 and
 * lin5 features; the class names come from the checkpoint's label map; onnx.checker accepts the file.
 */
class DetectorOnnxTest {

    /** Random BN statistics and affine parameters, so that folding is exercised (fresh BN is near identity). */
    private static void randomiseBatchNorms(Map<String, Parameter> params, long seed) {
        Random rng = new Random(seed);
        params.forEach((k, p) -> {
            if (!X3DInit.isBatchNorm(k)) {
                return;
            }
            float[] v = p.getArray().toFloatArray();
            for (int i = 0; i < v.length; i++) {
                v[i] = k.endsWith("running_var") || k.endsWith(".weight") ? 0.5f + rng.nextFloat()
                        : (float) (0.1 * rng.nextGaussian());
            }
            p.getArray().set(v);
        });
    }

    private static float min(float[] v) {
        float m = Float.MAX_VALUE;
        for (float x : v) {
            m = Math.min(m, x);
        }
        return m;
    }

    @ParameterizedTest
    @EnumSource(DetectorFeatures.class)
    void runtimeScoresEqualTheDetectorsWithBoxesOutsideTheFrame(DetectorFeatures features, @TempDir Path dir)
            throws Exception {
        DetectorConfig cfg = DetectorConfig.paper(X3DPresets.get("XS").withClip(4, 12, 64), 5).withCrops(64, 64)
                .withFeatures(features);
        Path ckpt = dir.resolve("epoch_0001");
        Files.createDirectories(ckpt);
        LabelMap labels = new LabelMap(List.of(new LabelMapEntry(1, "stand", null), new LabelMapEntry(2, "sit", null),
                new LabelMapEntry(4, "walk", null)));
        float[] want;
        NDArray clips;
        float[] boxes = {
            0, -12, -6, 30, 40, // left and top outside
            1, 50, 20, 110, 70, // right outside (W = 80)
            0, 10, 12, 22, 20,  // inside, small
            1, -30, 30, 6, 90,  // mostly outside, bottom too (H = 64)
        };
        try (NDManager m = NDManager.newBaseManager()) {
            AvaDetector d = AvaDetector.create(cfg, m, 7);
            randomiseBatchNorms(d.referenceParameters(), 8);
            // a classifier of std 0.5 rather than 0.01: scores spread over (0, 1), not all near 0.5
            d.referenceParameters().get("head.projection.weight").getArray().muli(50);
            // the checkpoint, as train-ava writes one
            Checkpoints.writeSafetensors(ckpt.resolve("model.safetensors"), X3DStateDict.export(d.referenceParameters()));
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("task", "ava");
            doc.put("detector", cfg);
            AtomicFiles.writeString(ckpt.resolve("config.json"), Json.toString(doc));
            DetectorCheckpoint.files(labels).forEach((name, text) -> {
                try {
                    AtomicFiles.writeString(ckpt.resolve(name), text);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            Engine.getInstance().setRandomSeed(3);
            NDArray x = m.randomNormal(new Shape(2, 3, 4, 64, 80)); // not square: H and W are free in the export
            clips = x;
            NDArray logits = d.forward(new ParameterStore(m, false), new NDList(x, m.create(boxes, new Shape(4, 5))),
                    false).singletonOrThrow();
            want = logits.getNDArrayInternal().sigmoid().toFloatArray();
            float[] clipValues = clips.toFloatArray();

            Path onnx = dir.resolve("detector.onnx");
            assertEquals(0, CommandLines.execute(new ExportOnnxCommand(), "--checkpoint", ckpt.toString(), "--out",
                    onnx.toString()));
            try (OnnxRuntimeModel rt = new OnnxRuntimeModel(Files.readAllBytes(onnx), 2)) {
                Map<String, OnnxRuntimeModel.Tensor> out = rt.run(Map.of(
                        "clips", new OnnxRuntimeModel.Tensor(clipValues, 2, 3, 4, 64, 80),
                        "boxes", new OnnxRuntimeModel.Tensor(boxes, 4, 5)));
                OnnxRuntimeModel.Tensor scores = out.get("scores");
                assertArrayEquals(new long[] {4, 5}, scores.shape());
                double max = 0;
                double scale = 0;
                for (int i = 0; i < want.length; i++) {
                    max = Math.max(max, Math.abs(scores.values()[i] - want[i]));
                    scale = Math.max(scale, Math.abs(want[i]));
                }
                System.out.printf("ONNX Runtime vs project detector (%s): scores %.2e relative (scores %.3f..%.3f)%n",
                        features, max / scale, min(want), scale);
                assertTrue(scale - min(want) > 0.4, "scores spread: a wrong box pooling shows");
                assertTrue(max / scale <= 1e-4, "scores " + max / scale);
                assertEquals("[\"stand\",\"sit\",\"action 3\",\"walk\",\"action 5\"]", rt.metadata().get("classes"));
                assertEquals("[1,2,3,4,5]", rt.metadata().get("action_ids"));
                assertEquals("64", rt.metadata().get("test_short_side"));
            }
            OnnxChecker.Result check = OnnxChecker.check(onnx);
            System.out.println(check.message());
            Assumptions.assumeTrue(check.ran(), check.message());
            assertTrue(check.passed(), check.message());
        }
    }
}
