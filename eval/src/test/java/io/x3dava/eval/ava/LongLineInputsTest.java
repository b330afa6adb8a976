package io.x3dava.eval.ava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs of one huge line: rejected at the line with one message and exit 2, in a heap much smaller than the line (the
 * reader never holds more than the 1 MiB bound), and the column checks around the ninth comma.
 */
class LongLineInputsTest {
    private static final String GT = "v1,0902,0.1,0.1,0.5,0.5,1,0\n";
    private static final String ROW = "v1,0902,0.1,0.1,0.5,0.5,1,0.9\n";

    @TempDir
    Path dir;

    Path labels() throws Exception {
        return Files.writeString(dir.resolve("labels.pbtxt"), "item {\n  name: \"a1\"\n  id: 1\n}\n");
    }

    /** A 200 MB CSV of one line, eval-ava in a 64 MB heap (the launcher gives it 512 MB). */
    @Test
    void twoHundredMegabyteLineInASmallHeapIsOneLineExitTwo() throws Exception {
        Path huge = dir.resolve("huge.csv");
        byte[] chunk = new byte[1 << 20];
        Arrays.fill(chunk, (byte) '7');
        try (OutputStream out = Files.newOutputStream(huge)) {
            out.write(ROW.getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 200; i++) {
                out.write(chunk);
            }
        }
        Path gt = Files.writeString(dir.resolve("gt.csv"), GT);
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                "-cp", System.getProperty("java.class.path"), EvalAvaMain.class.getName(), "-g", gt.toString(), "-d",
                huge.toString(), "-l", labels().toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue(), out);
        assertEquals("eval-ava: " + huge + ":2: line longer than 1048576 bytes (1 MiB); expected one CSV record per line",
                out.strip());
    }

    @Test
    void labelMapWithAHugeLineNamesTheLine() throws Exception {
        Path labels = Files.writeString(dir.resolve("big.pbtxt"), "item {\n  name: \"" + "x".repeat(2 << 20)
                + "\"\n  id: 1\n}\n");
        Path gt = Files.writeString(dir.resolve("gt.csv"), GT);
        Path det = Files.writeString(dir.resolve("det.csv"), ROW);
        EvalAvaInputsTest.Run r = EvalAvaInputsTest.run(new EvalAvaCommand(), "-g", gt.toString(), "-d",
                det.toString(), "-l", labels.toString());
        assertEquals(2, r.exit());
        assertEquals("eval-ava: " + labels + ":2: line longer than 1048576 bytes (1 MiB); expected a label map .pbtxt"
                + " (item { name: ... id: ... })", r.err().strip());
    }

    @Test
    void aLineJustUnderTheBoundIsStillRead() throws Exception {
        // a quoted video id padding the row to just under 1 MiB: long, but a record
        String id = "v".repeat((1 << 20) - 40);
        Path gt = Files.writeString(dir.resolve("gt.csv"), id + ",0902,0.1,0.1,0.5,0.5,1,0\n");
        Path det = Files.writeString(dir.resolve("det.csv"), id + ",0902,0.1,0.1,0.5,0.5,1,0.9\n");
        EvalAvaInputsTest.Run r = EvalAvaInputsTest.run(new EvalAvaCommand(), "-g", gt.toString(), "-d",
                det.toString(), "-l", labels().toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("mAP = 1.000000"), r.out());
    }

    @Test
    void extraColumnsAreCountedPastTheNinthComma() throws Exception {
        Path gt = Files.writeString(dir.resolve("gt.csv"), GT);
        for (int extra : List.of(1, 2, 5)) {
            Path det = Files.writeString(dir.resolve("det" + extra + ".csv"), ROW.strip() + ",0".repeat(extra) + "\n");
            EvalAvaInputsTest.Run r = EvalAvaInputsTest.run(new EvalAvaCommand(), "-g", gt.toString(), "-d",
                    det.toString(), "-l", labels().toString());
            assertEquals(2, r.exit(), r.err());
            assertTrue(r.err().contains(det + ":1: expected 8 columns"), r.err());
            Path badGt = Files.writeString(dir.resolve("gt" + extra + ".csv"), GT.strip() + ",0".repeat(extra) + "\n");
            EvalAvaInputsTest.Run g = EvalAvaInputsTest.run(new EvalAvaCommand(), "-g", badGt.toString(), "-d",
                    dir.resolve("det1.csv").toString(), "-l", labels().toString());
            assertEquals(2, g.exit(), g.err());
            assertTrue(g.err().contains(badGt + ":1: expected 7 or 8 columns"), g.err());
            Path excl = Files.writeString(dir.resolve("ex" + extra + ".csv"), "v1,0902" + ",0".repeat(extra) + "\n");
            EvalAvaInputsTest.Run x = EvalAvaInputsTest.run(new EvalAvaCommand(), "-g", gt.toString(), "-d",
                    det.toString(), "-l", labels().toString(), "-e", excl.toString());
            assertEquals(2, x.exit(), x.err());
            assertTrue(x.err().contains(excl + ":1: expected 2 columns"), x.err());
        }
    }

    @Test
    void missingFileHasNoLineZero() throws Exception {
        Path gt = Files.writeString(dir.resolve("gt.csv"), GT);
        EvalAvaInputsTest.Run r = EvalAvaInputsTest.run(new EvalAvaCommand(), "-g", gt.toString(), "-d",
                dir.resolve("nosuch.csv").toString(), "-l", labels().toString());
        assertEquals(2, r.exit());
        assertFalse(r.err().contains(":0:"), r.err());
        assertTrue(r.err().contains(dir.resolve("nosuch.csv") + ": file not found"), r.err());
    }
}
