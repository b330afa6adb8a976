package io.x3dava.backbone.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCheckpointCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            return io.x3dava.annotations.command.CommandLines.execute(new InspectCheckpointCommand(), args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void listsTensorsAndTotal() {
        Path f = Fixtures.x3d("x3d_xs_legacy.pyth");
        assertEquals(0, run(f.toString()));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("s1.pathway0_stem.conv_xy.weight"), text);
        assertTrue(text.contains("FLOAT32   [24, 3, 1, 3, 3]"), text);
        assertTrue(text.contains("568 tensors, 3,825,870 parameters in total"), text);
    }

    @Test
    void badFileGivesExitCode2AndOnlyTheMessage() throws Exception {
        Path f = dir.resolve("bad.pyth");
        Files.write(f, new PickleWriter().proto().global("os", "system").stop().bytes());
        assertEquals(2, run(f.toString()));
        String e = err.toString(StandardCharsets.UTF_8);
        assertTrue(e.startsWith("inspect-checkpoint: " + f + ": "), e); // the shared handler names the command
        assertTrue(e.contains("'os.system'"), e);
        assertEquals(1, e.lines().count(), "one line, no stack trace: " + e);
    }
}
