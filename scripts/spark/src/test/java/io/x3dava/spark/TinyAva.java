package io.x3dava.spark;

import ai.djl.ndarray.NDManager;

import io.x3dava.annotations.json.Json;
import io.x3dava.backbone.checkpoint.Checkpoints;
import io.x3dava.backbone.synthetic.MotionLabels;
import io.x3dava.backbone.x3d.X3DPresets;
import io.x3dava.backbone.x3d.X3DStateDict;
import io.x3dava.detector.model.AvaDetector;
import io.x3dava.detector.model.DetectorConfig;
import io.x3dava.detector.synthetic.SyntheticAva;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A generated AVA layout (val videos of moving shapes, ground truth, proposals, label map) and a detector checkpoint
 * folder with random weights: enough for detect-ava to write rows whose scores differ from box to box and class to
 * class.
 */
record TinyAva(Path root, Path checkpoint) {

    /** X3D-XS on 2 frames of 64 pixels: milliseconds per keyframe. */
    static TinyAva write(Path dir, int valVideos, int keyframes) throws IOException {
        return write(dir, valVideos, keyframes, 64, 2);
    }

    /** Videos of {@code size} pixels and an X3D-XS detector on {@code frames} frames of that size. */
    static TinyAva write(Path dir, int valVideos, int keyframes, int size, int frames) throws IOException {
        SyntheticAva.Layout ava = SyntheticAva.write(dir.resolve("ava"), 0, valVideos, 2, keyframes, size, 11);
        DetectorConfig cfg = DetectorConfig.paper(X3DPresets.get("XS").withClip(frames, 4, size),
                MotionLabels.count()).withCrops(size, size);
        Path ck = dir.resolve("checkpoint");
        Files.createDirectories(ck);
        try (NDManager m = NDManager.newBaseManager()) {
            AvaDetector d = AvaDetector.create(cfg, m, 3);
            Checkpoints.writeSafetensors(ck.resolve("model.safetensors"), X3DStateDict.export(d.referenceParameters()));
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("task", "ava");
        doc.put("detector", cfg);
        Json.write(ck.resolve("config.json"), doc);
        return new TinyAva(ava.root(), ck);
    }
}
