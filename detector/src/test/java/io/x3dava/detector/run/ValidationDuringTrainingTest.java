package io.x3dava.detector.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.x3dava.backbone.synthetic.MotionLabels;
import io.x3dava.backbone.train.Trainer;
import io.x3dava.backbone.x3d.X3DPresets;
import io.x3dava.detector.model.AvaDetector;
import io.x3dava.detector.model.DetectorConfig;
import io.x3dava.detector.synthetic.SyntheticAva;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --eval-period: detection + official frame-mAP on val after evaluation epochs, logged, best/ kept by it. About 40 s on
 * two cores (two tiny epochs with two validations): tagged slow.
 */
@Tag("slow")
class ValidationDuringTrainingTest {

    @Test
    void everyEvaluationEpochLogsValMapAndBestHoldsTheHighest(@TempDir Path dir) throws Exception {
        SyntheticAva.Layout ava = SyntheticAva.write(dir.resolve("ava"), 2, 1, 2, 3, 64, 5);
        DetectorConfig cfg = DetectorConfig.paper(X3DPresets.get("XS").withClip(2, 4, 64), MotionLabels.count())
                .withCrops(64, 64);
        AvaRecipe recipe = AvaRecipe.builder().setDetector(cfg).optVideos(ava.videos()).optLabelMap(ava.labelMap())
                .optTrainGt(ava.trainGt()).optTrainProposals(ava.trainProposals()).optValGt(ava.valGt())
                .optValProposals(ava.valProposals()).optValExcluded(ava.valExcluded()).optBatchSize(4)
                .optSchedule(AvaRecipe.defaultSchedule(4, 2)).optWorkers(1).optEvalPeriod(1).optTestFlip(true)
                .build();
        Path out = dir.resolve("run");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (NDManager m = NDManager.newBaseManager()) {
            AvaRun run = new AvaRun(recipe, new PrintStream(log));
            AvaDetector d = run.detector(m, null);
            Trainer.Summary s = run.train(m, d, out);
            assertEquals(2, s.history().size());
            double bestMap = -1;
            for (var e : s.history()) {
                assertTrue(e.eval().containsKey(AvaRun.VAL_MAP), "epoch " + e.epoch() + ": " + e.eval());
                assertTrue(e.eval().containsKey(AvaRun.VAL_MAP + "_noflip"), "with flip both numbers are logged");
                bestMap = Math.max(bestMap, e.eval().get(AvaRun.VAL_MAP));
                assertTrue(Files.isRegularFile(AvaRun.validationCsv(out, e.epoch())));
            }
            List<String> lines = Files.readAllLines(out.resolve("metrics.jsonl"));
            assertEquals(2, lines.size());
            assertTrue(lines.get(1).contains("\"val_mAP\""), lines.get(1));
            var state = new ObjectMapper().readTree(out.resolve("best/state.json").toFile());
            assertEquals(bestMap, state.get(AvaRun.VAL_MAP).asDouble(), 1e-12);
            assertTrue(Files.isRegularFile(out.resolve("best/model.safetensors")));
            assertTrue(Files.readString(out.resolve("best/config.json")).contains("\"ava\""));
            assertTrue(log.toString().contains("with test-time flip"), log.toString());
        }
    }
}
