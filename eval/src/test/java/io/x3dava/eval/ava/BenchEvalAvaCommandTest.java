package io.x3dava.eval.ava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark on a tiny input; the official script is not available here, so only its absence is exercised. */
class BenchEvalAvaCommandTest {
    @TempDir
    Path dir;

    @Test
    void runsWithoutTheOfficialScript() {
        EvalAvaInputsTest.Run r = EvalAvaInputsTest.run(new BenchEvalAvaCommand(), "--videos", "2", "--keyframes", "3",
                "--boxes", "2", "--classes", "4", "--repeat", "1", "--keep", dir.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("= 48 detection rows"), r.out());
        assertTrue(r.out().contains("rows/s") && r.out().contains("peak RSS"), r.out());
        assertFalse(r.out().contains("official"), r.out());
        assertTrue(dir.resolve("detections.csv").toFile().length() > 0);
    }

    @Test
    void missingOfficialScriptIsOneLineBeforeGenerating() {
        Path missing = dir.resolve("get_ava_performance.py");
        EvalAvaInputsTest.Run r = EvalAvaInputsTest.run(new BenchEvalAvaCommand(), "--official", missing.toString(),
                "--keep", dir.resolve("data").toString());
        EvalAvaInputsTest.assertOneLineError(r, "--official", "get_ava_performance.py: expected the path");
        assertFalse(dir.resolve("data").toFile().exists(), "nothing generated");
    }
}
