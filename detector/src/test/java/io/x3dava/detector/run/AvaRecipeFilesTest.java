package io.x3dava.detector.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.x3dava.backbone.x3d.ShortSideRatio;
import io.x3dava.backbone.x3d.X3DPresets;
import io.x3dava.detector.infer.TestCrop;
import io.x3dava.detector.model.DetectorFeatures;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped recipes (detector/recipes/) carry the paper's AVA recipe as SlowFast configures it. */
class AvaRecipeFilesTest {

    static final Path RECIPES = Path.of("recipes");

    @Test
    void everyShippedRecipeHasThePapersValues() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(RECIPES)) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertEquals(8, files.size(), "X3D-S, -M, -L, -XL for AVA v2.1 and v2.2: " + files);
        for (String preset : List.of("s", "m", "l", "xl")) {
            for (String version : List.of("2.1", "2.2")) {
                Path file = RECIPES.resolve("x3d_" + preset + "_ava_v" + version + ".json");
                AvaRecipe r = AvaRecipe.read(file);
                String where = file.toString();
                var expected = X3DPresets.get(preset);
                var d = r.detector();
                assertEquals(expected, d.backbone(), where + ": the Kinetics preset's backbone");
                assertEquals(80, d.numClasses(), where);
                assertEquals(DetectorFeatures.RES5, d.features(), where + ": paper section 5");
                assertEquals(expected.trainCrop(), d.trainCrop(), where + ": 112 gamma_s");
                assertEquals(ShortSideRatio.AVA_TEST.of(expected.trainCrop()), d.testSize(), where + ": 128 gamma_s");
                assertEquals(0.5, d.dropout(), where);
                assertEquals(64, r.batchSize(), where);
                var s = r.schedule();
                assertEquals("steps", s.policy(), where);
                assertEquals(0.1 * r.batchSize() / 64, s.baseLr(), 1e-12, where + ": 0.1 per 64 clips");
                assertEquals(20, s.maxEpoch(), where);
                assertEquals(5, s.warmupEpochs(), where);
                assertEquals(s.baseLr() / 800, s.warmupStartLr(), 1e-12, where);
                assertEquals(List.of(0.0, 10.0, 15.0), s.steps(), where);
                assertEquals(List.of(1.0, 0.1, 0.01), s.relativeLrs(), where + ": step decay x0.1");
                assertEquals(AvaRecipe.defaultSchedule(64, 20), s, where + ": the same as the code's default");
                assertTrue(r.sgd().nesterov(), where);
                assertEquals(0.9, r.sgd().momentum(), 0, where);
                assertEquals(1e-7, r.sgd().weightDecay(), 0, where);
                assertEquals(0.9, r.trainProposalIou(), 0, where);
                assertEquals(0.8, r.proposalThreshold(), 0, where);
                assertEquals(TestCrop.FULL, r.testCrop(), where);
                assertFalse(r.testFlip(), where);
                assertEquals(5, r.evalPeriod(), where + ": TRAIN.EVAL_PERIOD");
                assertEquals(900, r.offsetSeconds(), 0, where);
                assertEquals(null, r.videos(), where + ": no data paths in a shipped recipe");
                String text = String.join("\n", r.description());
                assertTrue(text.contains("14k iterations") && text.contains("SLOW_8x8_R50_SHORT")
                        && text.contains("follows SlowFast"), where + ": says which schedule it follows");
                assertTrue(text.contains("v" + version), where);
                // Written back and read again: the same recipe.
                Path copy = Files.createTempFile("recipe", ".json");
                try {
                    Files.writeString(copy, r.toJson());
                    assertEquals(r.toJson(), AvaRecipe.read(copy).toJson(), where);
                } finally {
                    Files.delete(copy);
                }
            }
        }
    }

    @Test
    void aMistypedFieldIsReportedWithFileAndLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.json");
        String good = Files.readString(RECIPES.resolve("x3d_m_ava_v2.2.json"));
        Files.writeString(file, good.replace("\"evalPeriod\"", "\"evalPeriodd\""));
        IOException e = assertThrows(IOException.class, () -> AvaRecipe.read(file));
        assertTrue(e.getMessage().startsWith(file + ":"), e.getMessage());
        assertTrue(e.getMessage().contains("evalPeriodd"), e.getMessage());
        Files.writeString(file, good.replace("\"full\"", "\"corner\""));
        e = assertThrows(IOException.class, () -> AvaRecipe.read(file));
        assertTrue(e.getMessage().contains("testCrop must be full or center"), e.getMessage());
        Files.writeString(file, good.replace("\"batchSize\": 64", "\"batchSize\": 0"));
        e = assertThrows(IOException.class, () -> AvaRecipe.read(file));
        assertTrue(e.getMessage().contains("batchSize > 0"), e.getMessage());
    }
}
