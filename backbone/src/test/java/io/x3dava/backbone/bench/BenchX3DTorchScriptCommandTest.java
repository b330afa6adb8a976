package io.x3dava.backbone.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.x3dava.annotations.command.CommandLines;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bench-x3d-torchscript checks that the project's X3D and the TorchScript trace agree before it times them, prints
 * both sides and the ratio, and rejects bad input with one line (../shared/fixtures/x3d_torchscript).
 */
class BenchX3DTorchScriptCommandTest {

    private static Path trace(String name) {
        String root = System.getProperty("x3dava.fixtures", "../../shared/fixtures");
        Path f = Path.of(root, "x3d_torchscript", name);
        Assumptions.assumeTrue(Files.isRegularFile(f),
                "SKIPPED: TorchScript X3D fixture " + f + " is absent (../shared/fixtures/x3d_torchscript)");
        return f;
    }

    private static String run(BenchX3DTorchScriptCommand cmd, String... args) {
        PrintStream err = System.err;
        ByteArrayOutputStream errBuf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(errBuf, true, StandardCharsets.UTF_8));
        try {
            return CommandLines.execute(cmd, args) + "|" + errBuf.toString(StandardCharsets.UTF_8);
        } finally {
            System.setErr(err);
        }
    }

    @Test
    void agreesThenTimesBothSidesInterleaved(@TempDir Path dir) throws Exception {
        Path pt = trace("x3d_XS_b1_4x160_eval.pt");
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Path json = dir.resolve("ts.json");
        String r = run(new BenchX3DTorchScriptCommand(new PrintStream(buf, true, StandardCharsets.UTF_8)),
                "--torchscript", pt.toString(), "--rounds", "2", "--iterations", "1", "--warmup", "0", "--matmul-size", "256", "--json",
                json.toString());
        String out = buf.toString(StandardCharsets.UTF_8);
        System.out.print(out);
        assertTrue(r.startsWith("0|"), r);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("agreement: the trace outputs") && l.endsWith(" ok")), out);
        assertTrue(out.contains("java: clips/s min/median/max"), out);
        assertTrue(out.contains("torchscript: clips/s min/median/max"), out);
        assertTrue(out.contains("ratio java/torchscript"), out);
        assertTrue(out.contains("GFLOP/s"), out);
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        // README: agreement with the trace 1e-6 required (4.6e-8 measured, outputs up to 0.16)
        assertTrue(root.get("max_abs_diff").asDouble() < 1e-6, root.toString());
        assertEquals(2, root.get("sides").size());
        assertTrue(root.get("sides").get(0).get("rate_median").asDouble() > 0);
        assertTrue(root.get("ratio").get("median").asDouble() > 0);
    }

    @Test
    void oneSideAloneRunsNothingOfTheOtherAndReportsItsProcessPeak() throws Exception {
        Path pt = trace("x3d_XS_b1_4x160_eval.pt");
        for (String side : new String[] {"JAVA", "TORCHSCRIPT"}) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            String r = run(new BenchX3DTorchScriptCommand(new PrintStream(buf, true, StandardCharsets.UTF_8)),
                    "--torchscript", pt.toString(), "--side", side, "--rounds", "1", "--iterations", "1", "--warmup",
                    "0", "--matmul-size", "0");
            String out = buf.toString(StandardCharsets.UTF_8);
            assertTrue(r.startsWith("0|"), r);
            assertTrue(out.contains("agreement: not checked (one side only"), out);
            String name = side.equals("JAVA") ? "java:" : "torchscript:";
            assertTrue(out.lines().anyMatch(l -> l.startsWith(name) && l.contains("process peak")), out);
            assertEquals(1, out.lines().filter(l -> l.contains("min/median/max")).count(), out);
        }
    }

    @Test
    void wrongWeightsAndBadNamesGiveOneClearLine(@TempDir Path dir) throws Exception {
        String r = run(new BenchX3DTorchScriptCommand(), "--torchscript", dir.resolve("model.pt").toString());
        assertTrue(r.startsWith("2|") && r.contains("expected a name like x3d_XS_b1_4x160_eval.pt"), r);
        assertEquals(1, r.strip().lines().count(), r);
        r = run(new BenchX3DTorchScriptCommand(), "--torchscript", dir.resolve("x3d_XS_b1_4x160_eval.pt").toString());
        assertTrue(r.startsWith("2|") && r.contains("no such file"), r);
        Path notTorchScript = dir.resolve("x3d_XS_b1_4x160_eval.pt");
        Files.writeString(notTorchScript, "not a zip");
        r = run(new BenchX3DTorchScriptCommand(), "--torchscript", notTorchScript.toString(), "--weights",
                trace("x3d_xs_s_m_weights_pytorchvideo_keys.pyth").toString());
        assertTrue(r.startsWith("2|") && r.contains("not a TorchScript module"), r);
        assertEquals(1, r.strip().lines().count(), r);
    }
}
