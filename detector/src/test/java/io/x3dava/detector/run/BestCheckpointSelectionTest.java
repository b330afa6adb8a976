package io.x3dava.detector.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.x3dava.backbone.checkpoint.Checkpoints;
import io.x3dava.backbone.checkpoint.TensorData;
import io.x3dava.backbone.synthetic.MotionLabels;
import io.x3dava.backbone.train.EpochMetrics;
import io.x3dava.backbone.train.Trainer;
import io.x3dava.backbone.x3d.X3DPresets;
import io.x3dava.detector.model.AvaDetector;
import io.x3dava.detector.model.DetectorConfig;
import io.x3dava.detector.synthetic.SyntheticAva;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Validation during AVA training on tiny data (seconds; the slow ValidationDuringTrainingTest uses a larger set):
 * every epoch logs val_mAP and writes its detections, and best/ holds the weights of the first epoch with the highest
 * val_mAP, byte for byte those of that epoch's checkpoint.
 */
class BestCheckpointSelectionTest {

    @Test
    void bestHoldsTheWeightsOfTheEpochWithTheHighestValMap(@TempDir Path dir) throws Exception {
        SyntheticAva.Layout ava = SyntheticAva.write(dir.resolve("ava"), 2, 1, 1, 2, 32, 5);
        DetectorConfig cfg = DetectorConfig.paper(X3DPresets.get("XS").withClip(2, 4, 32), MotionLabels.count())
                .withCrops(32, 32);
        AvaRecipe recipe = AvaRecipe.builder().setDetector(cfg).optVideos(ava.videos()).optLabelMap(ava.labelMap())
                .optTrainGt(ava.trainGt()).optTrainProposals(ava.trainProposals()).optValGt(ava.valGt())
                .optValProposals(ava.valProposals()).optValExcluded(ava.valExcluded()).optBatchSize(2)
                .optSchedule(AvaRecipe.defaultSchedule(2, 3)).optWorkers(1).optEvalPeriod(1).build();
        Path out = dir.resolve("run");
        Trainer.Summary s;
        try (NDManager m = NDManager.newBaseManager()) {
            AvaRun run = new AvaRun(recipe, new PrintStream(new ByteArrayOutputStream()));
            AvaDetector d = run.detector(m, null);
            s = run.train(m, d, out);
        }
        assertEquals(3, s.history().size());
        int bestEpoch = -1;
        double bestMap = Double.NEGATIVE_INFINITY;
        for (EpochMetrics e : s.history()) {
            double map = e.eval().get(AvaRun.VAL_MAP);
            assertTrue(map >= 0 && map <= 1, "epoch " + e.epoch() + ": " + e.eval());
            assertTrue(Files.isRegularFile(AvaRun.validationCsv(out, e.epoch())), "epoch " + e.epoch());
            if (map > bestMap) { // the first of equal scores stays
                bestMap = map;
                bestEpoch = e.epoch();
            }
        }
        assertEquals(3, Files.readAllLines(out.resolve("metrics.jsonl")).stream().filter(l -> l.contains("val_mAP"))
                .count());
        JsonNode state = new ObjectMapper().readTree(out.resolve("best/state.json").toFile());
        assertEquals(bestEpoch, state.get("epoch").asInt(), "val mAPs " + s.history().stream()
                .map(e -> e.eval().get(AvaRun.VAL_MAP)).toList());
        assertEquals(bestMap, state.get(AvaRun.VAL_MAP).asDouble(), 1e-12);
        Map<String, TensorData> best = Checkpoints.readStateDict(out.resolve("best/model.safetensors"));
        Map<String, TensorData> epoch = Checkpoints.readStateDict(out.resolve(String.format(
                "checkpoints/epoch_%04d/model.safetensors", bestEpoch)));
        assertEquals(epoch.keySet(), best.keySet());
        for (String k : epoch.keySet()) {
            assertArrayEquals(bytes(epoch.get(k).data()), bytes(best.get(k).data()), k);
        }
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }
}
