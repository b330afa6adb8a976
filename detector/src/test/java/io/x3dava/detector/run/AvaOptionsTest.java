package io.x3dava.detector.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.x3dava.detector.infer.TestCrop;
import io.x3dava.detector.model.DetectorFeatures;

import java.util.List;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class AvaOptionsTest {

    @Command(name = "t")
    static final class Holder {
        @Mixin
        AvaOptions options;
    }

    private static AvaRecipe parse(String... args) throws Exception {
        Holder h = new Holder();
        CommandLine cl = new CommandLine(h);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.parseArgs(args);
        return h.options.recipe();
    }

    @Test
    void aRecipeFileIsTheDefaultAndOptionsOverrideIt() throws Exception {
        AvaRecipe file = parse("--config", "recipes/x3d_m_ava_v2.2.json");
        assertEquals("X3D-M", file.detector().backbone().name());
        assertEquals(0.1, file.schedule().baseLr(), 1e-12);
        AvaRecipe r = parse("--config", "recipes/x3d_m_ava_v2.2.json", "--batch", "16", "--epochs", "8",
                "--features", "lin5", "--test-crop", "center", "--test-flip", "--eval-period", "2", "--workers", "1");
        assertEquals("X3D-M", r.detector().backbone().name(), "the recipe's backbone is kept");
        assertEquals(DetectorFeatures.LIN5, r.detector().features());
        assertEquals(16, r.batchSize());
        assertEquals(0.025, r.schedule().baseLr(), 1e-12, "0.1 per 64 clips");
        assertEquals(0.025 / 800, r.schedule().warmupStartLr(), 1e-12);
        assertEquals(8, r.schedule().maxEpoch(), 0);
        assertEquals(2, r.schedule().warmupEpochs(), 1e-12, "a quarter of the run");
        assertEquals(List.of(0.0, 4.0, 6.0), r.schedule().steps());
        assertEquals(TestCrop.CENTER, r.testCrop());
        assertTrue(r.testFlip());
        assertEquals(2, r.evalPeriod());
        assertEquals(1, r.workers());
        assertEquals(256, r.detector().testSize());
        AvaRecipe s = parse("--config", "recipes/x3d_m_ava_v2.2.json", "--preset", "S", "--lr", "0.05");
        assertEquals("X3D-S", s.detector().backbone().name());
        assertEquals(183, s.detector().testSize(), "128/112 of 160");
        assertEquals(0.05, s.schedule().baseLr(), 1e-12);
    }

    @Test
    void withoutRecipeOrFolderItSaysWhatToGive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse());
        assertTrue(e.getMessage().contains("--ava"), e.getMessage());
    }
}
