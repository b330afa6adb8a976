package io.x3dava.backbone.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.x3dava.annotations.charades.CharadesCsv;
import io.x3dava.annotations.command.CommandLines;
import io.x3dava.backbone.synthetic.MotionLabels;
import io.x3dava.backbone.synthetic.SyntheticClassification;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The success paths of `pretrain`, `test` and `finetune-charades` on tiny generated data (seconds; the slow
 * ClassificationIntegrationTest checks that they learn): what the commands write and that `test` counts views and
 * reports metrics, Charades' clip at twice the Kinetics stride, a 157-way-style sigmoid head of the Charades classes.
 */
class ClassificationCommandsTest {
    @TempDir
    static Path tmp;
    static SyntheticClassification.KineticsLayout kinetics;
    static SyntheticClassification.CharadesLayout charades;
    static Path run;

    @BeforeAll
    static void pretrainOneEpoch() throws Exception {
        kinetics = SyntheticClassification.writeKinetics(tmp.resolve("kinetics"), 2, 1, 40, 30, 7);
        charades = SyntheticClassification.writeCharades(tmp.resolve("charades"), 4, 3, 40, 30, 8);
        run = tmp.resolve("runs/kinetics");
        assertEquals(0, CommandLines.execute(new PretrainCommand(), "--data", kinetics.root().toString(), "--frames",
                "4", "--rate", "3", "--crop", "32", "--test-crop", "32", "--batch", "4", "--epochs", "1", "--workers",
                "1", "--test-clips", "1", "--test-crops", "1", "--out", run.toString()));
    }

    @Test
    void testCommandScoresEveryViewOfEveryVideoFromTheRunFolder() throws Exception {
        Path json = tmp.resolve("test.json");
        assertEquals(0, CommandLines.execute(new TestCommand(), "--checkpoint", run.toString(), "--data",
                kinetics.root().toString(), "--test-clips", "2", "--test-crops", "3", "--workers", "1", "--json",
                json.toString()));
        TestReport r = TestReport.read(json);
        int videos = MotionLabels.count(); // one validation video per class
        assertEquals(videos, r.videos());
        assertEquals(0, r.skipped());
        assertEquals(6, r.views(), "2 clips x 3 crops");
        assertEquals(4, r.frames());
        assertEquals(3, r.samplingRate(), "the network of the checkpoint's config.json");
        // top-1 is a whole number of the videos; with 4 classes every label is in the top 5
        double top1 = r.top1() * videos;
        assertEquals(Math.rint(top1), top1, 1e-9, "top-1 " + r.top1());
        assertEquals(1.0, r.top5(), 1e-12);
    }

    @Test
    void finetuneCharadesTrainsASigmoidHeadAtTwiceTheStrideAndTestsIt() throws Exception {
        Path ft = tmp.resolve("runs/charades");
        assertEquals(0, CommandLines.execute(new FinetuneCharadesCommand(), "--pretrained",
                run.resolve("checkpoints/epoch_0001").toString(), "--data", charades.root().toString(), "--batch", "2",
                "--epochs", "1", "--workers", "1", "--test-clips", "1", "--test-crops", "1", "--out", ft.toString()));
        JsonNode config = new ObjectMapper().readTree(ft.resolve("checkpoints/epoch_0001/config.json").toFile());
        assertEquals("charades", config.get("task").asText());
        assertEquals(6, config.get("model").get("samplingRate").asInt(), "Charades doubles the Kinetics stride 3");
        assertEquals(4, config.get("model").get("numFrames").asInt());
        assertEquals(MotionLabels.count(), config.get("model").get("numClasses").asInt());
        assertEquals(1, Files.readAllLines(ft.resolve("metrics.jsonl")).stream().filter(l -> !l.isBlank()).count());
        assertTrue(Files.isRegularFile(ft.resolve("recipe.json")));
        TestReport t = TestReport.read(ft.resolve("test.json"));
        assertEquals("charades", t.task());
        assertEquals(6, t.samplingRate());
        assertEquals(CharadesCsv.read(charades.testCsv()).size(), t.videos());
        assertEquals(1, t.views());
        assertTrue(t.mAP() > 0 && t.mAP() <= 1, "mAP " + t.mAP());
        List<String> lines = Files.readAllLines(ft.resolve("metrics.jsonl"));
        assertTrue(lines.get(0).contains("\"epoch\" : 1") || lines.get(0).contains("\"epoch\":1"), lines.get(0));
    }
}
