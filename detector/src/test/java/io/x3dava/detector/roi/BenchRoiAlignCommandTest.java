package io.x3dava.detector.roi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/** bench-roi-align runs one timed iteration of the AVA-sized case and prints both timings. */
class BenchRoiAlignCommandTest {

    @Test
    void oneIteration() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int code = new CommandLine(new BenchRoiAlignCommand(new PrintStream(buf, true, StandardCharsets.UTF_8)))
                .execute("--iterations", "1", "--warmup", "0");
        String out = buf.toString(StandardCharsets.UTF_8);
        System.out.print(out);
        assertEquals(0, code, out);
        assertTrue(out.contains("features (8, 192, 16, 16), 64 boxes, 7x7"), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("roi-align forward: [0-9.]+ ms, forward\\+backward: [0-9.]+ ms")),
                out);
    }
}
