package io.x3dava.backbone.bench;

import io.x3dava.backbone.x3d.X3DFlopsCommand;
import io.x3dava.annotations.command.CommandLines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** bench-x3d parses its options and runs one tiny row end to end, so that the benchmark cannot rot. */
class BenchX3DCommandTest {

    private static String run(Object command, String... args) {
        PrintStream err = System.err;
        ByteArrayOutputStream errBuf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(errBuf, true, StandardCharsets.UTF_8));
        try {
            int code = CommandLines.execute(command, args);
            return code + "|" + errBuf.toString(StandardCharsets.UTF_8);
        } finally {
            System.setErr(err);
        }
    }

    @Test
    void tinyRunPrintsTheTableAndWritesJson(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Path json = dir.resolve("bench.json");
        String result = run(new BenchX3DCommand(new PrintStream(buf, true, StandardCharsets.UTF_8)), "--presets", "X2D",
                "--batches", "1", "--iterations", "2", "--warmup", "0", "--leak-iterations", "2", "--json",
                json.toString());
        String out = buf.toString(StandardCharsets.UTF_8);
        System.out.print(out);
        assertTrue(result.startsWith("0|"), result);
        assertTrue(out.contains("threads: "), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("X2D\\s+1\\s+[0-9.]+\\s+[0-9.]+\\s+[0-9.]+")), out);
        assertTrue(out.contains("memory: 2 forward passes"), out);
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertEquals("X2D", root.get("rows").get(0).get("model").asText());
        assertTrue(root.get("rows").get(0).get("infer_clips_per_s").asDouble() > 0);
        assertTrue(root.get("rows").get(0).get("train_steps_per_s").asDouble() > 0);
        assertEquals(root.get("memory").get("arrays_before").asInt(), root.get("memory").get("arrays_after").asInt(),
                "no NDArray survives a forward pass");
    }

    @Test
    void badOptionsGiveOneClearLine() {
        String r = run(new BenchX3DCommand(), "--presets", "XXL", "--leak-iterations", "0");
        assertTrue(r.startsWith("2|bench-x3d: unknown X3D preset 'XXL'"), r);
        r = run(new BenchX3DCommand(), "--presets", "X2D", "--iterations", "0");
        assertTrue(r.startsWith("2|bench-x3d: --iterations must be >= 1"), r);
        r = run(new BenchX3DCommand(), "--presets", "X2D", "--train-batches", "x");
        assertTrue(r.startsWith("2|bench-x3d: --train-batches: not a batch size"), r);
    }

    @Test
    void flopsCommandPrintsTheParameterCountWithBatchNorm() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        CommandLine cl = new CommandLine(new X3DFlopsCommand(new PrintStream(buf, true, StandardCharsets.UTF_8)));
        assertEquals(0, cl.execute("--preset", "xs"));
        String out = buf.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("X3D-XS, input 3x4x160x160"), out);
        assertTrue(out.contains("3,794,322 with BatchNorm"), out);
        buf.reset();
        assertEquals(0, cl.execute("--preset", "m", "--frames", "16", "--crop", "256"));
        assertTrue(buf.toString(StandardCharsets.UTF_8).contains("input 3x16x256x256"));
    }
}
