package io.x3dava.backbone.classify;

import io.x3dava.annotations.command.CommandLines;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.x3dava.annotations.charades.CharadesAction;
import io.x3dava.annotations.charades.CharadesCsv;
import io.x3dava.annotations.charades.CharadesVideo;
import io.x3dava.backbone.synthetic.SyntheticClassification;
import io.x3dava.backbone.synthetic.MotionLabels;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The clip-classification pipeline end to end on generated moving-shape videos, through the command-line code paths:
 * Kinetics-format pre-training of X3D-XS at a small clip (with a resumed second run), multi-view testing from the
 * checkpoint, then Charades-format fine-tuning from that checkpoint (one training video missing) and video-level mAP.
 * Sized for a 2-core CI machine: a few minutes in all.
 * Measured here (2 cores, shared): pretrain 5 + 2 resumed epochs ~125 s, 6-view top-1 0.61 (chance 1/4); Charades
 * fine-tuning 4 epochs ~36 s, mAP 0.73 (chance 0.47); whole test ~170 s.
 */
class ClassificationIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Kinetics pre-training: (first run, resumed run) epochs, batch, peak learning rate. */
    static final int PRETRAIN_EPOCHS_FIRST = 5;
    static final int PRETRAIN_EPOCHS = 7;
    static final String PRETRAIN_LR = "0.05";
    static final int FINETUNE_EPOCHS = 4;
    static final String FINETUNE_LR = "0.05";

    @TempDir
    Path tmp;

    @Test
    @Tag("slow") // minutes on 2 cores: `scripts/test --slow` or `--all` runs it
    @Timeout(value = 12, unit = TimeUnit.MINUTES)
    void pretrainResumeTestThenFinetuneOnCharades() throws Exception {
        long t0 = System.nanoTime();
        var kinetics = SyntheticClassification.writeKinetics(tmp.resolve("kinetics"), 36, 9, 72, 60, 7);
        var charades = SyntheticClassification.writeCharades(tmp.resolve("charades"), 72, 24, 72, 60, 8);
        report("generated data", t0);

        // Pre-training, interrupted after PRETRAIN_EPOCHS_FIRST epochs and resumed to PRETRAIN_EPOCHS.
        Path run = tmp.resolve("runs/kinetics");
        String[] common = {"--data", kinetics.root().toString(), "--frames", "4", "--rate", "4", "--crop", "64",
            "--test-crop", "64", "--batch", "8", "--lr", PRETRAIN_LR, "--workers", "2", "--test-clips", "2",
            "--test-crops", "1", "--out", run.toString()};
        long t1 = System.nanoTime();
        assertEquals(0, execute(new PretrainCommand(), concat(common, "--epochs", "" + PRETRAIN_EPOCHS_FIRST)));
        List<JsonNode> first = metrics(run);
        assertEquals(PRETRAIN_EPOCHS_FIRST, first.size());
        report("pretrain " + PRETRAIN_EPOCHS_FIRST + " epochs", t1);
        long t2 = System.nanoTime();
        // a longer run in the same folder is a recipe change: refused unless asked for, then the recipe is versioned
        assertEquals(2, execute(new PretrainCommand(), concat(common, "--epochs", "" + PRETRAIN_EPOCHS)));
        assertEquals(0, execute(new PretrainCommand(), concat(common, "--epochs", "" + PRETRAIN_EPOCHS,
                "--allow-recipe-change")));
        assertTrue(Files.isRegularFile(run.resolve("recipe.1.json")), "the first recipe is kept");
        report("resumed pretrain to " + PRETRAIN_EPOCHS + " epochs", t2);
        List<JsonNode> all = metrics(run);
        assertEquals(PRETRAIN_EPOCHS, all.size(), "the second run continues, it does not start over");
        for (int e = 0; e < all.size(); e++) {
            assertEquals(e + 1, all.get(e).get("epoch").asInt());
            assertEquals((e + 1) * 18L, all.get(e).get("globalStep").asLong(), "4 classes x 36 videos / batch 8 = 18 steps");
        }
        assertEquals(first.get(0).get("trainLoss").asDouble(), all.get(0).get("trainLoss").asDouble(),
                "the first epochs' metrics are kept, not re-run");
        assertTrue(Files.isDirectory(run.resolve("checkpoints/epoch_" + String.format("%04d", PRETRAIN_EPOCHS))));

        // Multi-view test from the run folder (newest checkpoint, network and classes from its config.json).
        Path testJson = tmp.resolve("test-kinetics.json");
        long t3 = System.nanoTime();
        assertEquals(0, execute(new TestCommand(), "--checkpoint", run.toString(), "--data",
                kinetics.root().toString(), "--test-clips", "2", "--test-crops", "3", "--workers", "2", "--json",
                testJson.toString()));
        report("test", t3);
        TestReport k = TestReport.read(testJson);
        System.out.println("kinetics: " + k.summary());
        assertEquals(36, k.videos());
        assertEquals(6, k.views());
        assertTrue(k.top1() >= 0.40, "top-1 " + k.top1() + " should be clearly above chance (1/4)");

        // Charades fine-tuning from the Kinetics checkpoint; one training video is missing.
        List<CharadesVideo> train = CharadesCsv.read(charades.trainCsv());
        Files.delete(charades.videos().resolve(train.get(3).id() + ".mp4"));
        Path ft = tmp.resolve("runs/charades");
        long t4 = System.nanoTime();
        assertEquals(0, execute(new FinetuneCharadesCommand(), "--pretrained",
                run.resolve("checkpoints/epoch_" + String.format("%04d", PRETRAIN_EPOCHS)).toString(),
                "--data", charades.root().toString(), "--batch", "8", "--epochs", "" + FINETUNE_EPOCHS, "--lr",
                FINETUNE_LR, "--workers", "2", "--test-clips", "2", "--test-crops", "1", "--out", ft.toString()));
        report("finetune-charades " + FINETUNE_EPOCHS + " epochs + test", t4);
        List<JsonNode> ftMetrics = metrics(ft);
        assertEquals(FINETUNE_EPOCHS, ftMetrics.size());
        assertTrue(ftMetrics.get(ftMetrics.size() - 1).get("skipped").asLong() >= 1,
                "the missing video is skipped and counted: " + ftMetrics.get(ftMetrics.size() - 1));
        JsonNode config = JSON.readTree(ft.resolve("checkpoints/epoch_" + String.format("%04d", FINETUNE_EPOCHS)
                + "/config.json").toFile());
        assertEquals("charades", config.get("task").asText());
        assertEquals(8, config.get("model").get("samplingRate").asInt(), "Charades doubles the Kinetics stride");
        TestReport c = TestReport.read(ft.resolve("test.json"));
        double chance = chanceMap(CharadesCsv.read(charades.testCsv()));
        System.out.printf(Locale.ROOT, "charades: %s (chance mAP %.3f)%n", c.summary(), chance);
        assertEquals(24, c.videos());
        assertTrue(c.mAP() >= chance + 0.10, "mAP " + c.mAP() + " should clearly beat chance " + chance);
        report("whole test", t0);
    }

    @Test
    void badInputEndsWithOneLineNotAStackTrace() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        int code;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = CommandLines.execute(new TestCommand(), new String[] {"--checkpoint", tmp.resolve("nope").toString(),
                "--data", tmp.toString()});
        } finally {
            System.setErr(old);
        }
        String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(2, code);
        assertTrue(text.startsWith("test: ") && text.contains("no such checkpoint"), text);
        assertFalse(text.contains("\tat "), text);
    }

    /** Expected AP of random scores for a class is its positive rate; chance mAP is their mean (present classes). */
    static double chanceMap(List<CharadesVideo> test) {
        int[] positives = new int[MotionLabels.count()];
        for (CharadesVideo v : test) {
            Set<Integer> present = new HashSet<>();
            for (CharadesAction a : v.actions()) {
                present.add(a.classIndex());
            }
            present.forEach(c -> positives[c]++);
        }
        double sum = 0;
        int classes = 0;
        for (int p : positives) {
            if (p > 0) {
                sum += (double) p / test.size();
                classes++;
            }
        }
        return sum / classes;
    }

    private static int execute(Object command, String... args) {
        return CommandLines.execute(command, args);
    }

    private static List<JsonNode> metrics(Path run) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
            if (!line.isBlank()) {
                out.add(JSON.readTree(line));
            }
        }
        return out;
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static void report(String what, long since) {
        System.out.printf(Locale.ROOT, "[timing] %s: %.1f s%n", what, (System.nanoTime() - since) / 1e9);
    }
}
