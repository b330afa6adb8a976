package io.x3dava.detector.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.x3dava.backbone.checkpoint.Checkpoints;
import io.x3dava.backbone.checkpoint.TensorData;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BestCheckpointTest {

    private static Map<String, TensorData> weights(float v) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putFloat(v);
        return Map.of("head.projection.bias", new TensorData("head.projection.bias",
                io.x3dava.backbone.checkpoint.TensorDType.FLOAT32, new long[] {1}, b.flip()));
    }

    @Test
    void keepsTheHighestScoreAndLeavesNoTemporaryFolders(@TempDir Path run) throws Exception {
        BestCheckpoint best = new BestCheckpoint(run.resolve("best"), "val_mAP");
        assertTrue(best.score().isEmpty());
        assertTrue(best.offer(1, 0.30, weights(1), "{}"));
        assertFalse(best.offer(2, 0.20, weights(2), "{}"), "lower score: best/ stays");
        assertFalse(best.offer(3, Double.NaN, weights(3), "{}"));
        assertTrue(best.offer(4, 0.50, weights(4), "{\"task\":\"ava\"}"));
        assertEquals(0.50, best.score().getAsDouble(), 1e-12);
        // A new instance (a resumed run) sees the same best.
        assertEquals(0.50, new BestCheckpoint(run.resolve("best"), "val_mAP").score().getAsDouble(), 1e-12);
        var sd = Checkpoints.readStateDict(run.resolve("best/model.safetensors"));
        assertEquals(4f, sd.get("head.projection.bias").toFloatArray()[0]);
        assertTrue(Files.readString(run.resolve("best/state.json")).contains("\"epoch\" : 4"));
        try (Stream<Path> s = Files.list(run)) {
            assertEquals(1, s.count(), "only best/ is left");
        }
    }
}
