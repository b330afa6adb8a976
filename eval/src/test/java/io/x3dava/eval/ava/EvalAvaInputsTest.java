package io.x3dava.eval.ava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.x3dava.annotations.command.CommandLines;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs that used to give silently wrong numbers or stack traces: each is read correctly or ends in one line, exit 2. */
class EvalAvaInputsTest {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {}

    static Run run(Object command, String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = CommandLines.execute(command, args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    Path labelMap(String ids) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (String id : ids.split(",")) {
            sb.append("item {\n  name: \"a").append(id.trim()).append("\"\n  id: ").append(id.trim()).append("\n}\n");
        }
        return Files.writeString(dir.resolve("labels.pbtxt"), sb.toString());
    }

    Path gt(String text) throws Exception {
        return Files.writeString(dir.resolve("gt.csv"), text);
    }

    Path det(byte[] bytes) throws Exception {
        return Files.write(dir.resolve("det.csv"), bytes);
    }

    Path det(String text) throws Exception {
        return det(text.getBytes(StandardCharsets.UTF_8));
    }

    Run evalAva(Path labels, Path gt, Path det, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("-l", labels.toString(), "-g", gt.toString(), "-d",
                det.toString()));
        args.addAll(List.of(more));
        return run(new EvalAvaCommand(), args.toArray(String[]::new));
    }

    static final String GT = "v1,0902,0.1,0.1,0.5,0.5,1,0\nv1,0903,0.1,0.1,0.5,0.5,1,0\n";

    /** One line on stderr, naming the file, exit 2, no stack trace. */
    static void assertOneLineError(Run r, String... fragments) {
        assertEquals(2, r.exit(), r.err());
        String e = r.err().strip();
        assertFalse(e.contains("\n\tat ") || e.contains("Exception in"), e);
        assertEquals(1, e.lines().filter(l -> !l.startsWith("(")).count(), e);
        for (String f : fragments) {
            assertTrue(e.contains(f), "'" + f + "' missing from: " + e);
        }
    }

    @Test
    void byteOrderMarkIsNotPartOfTheFirstVideoId() throws Exception {
        byte[] rows = "v1,0902,0.1,0.1,0.5,0.5,1,0.9\nv1,0903,0.1,0.1,0.5,0.5,1,0.8\n".getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[rows.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(rows, 0, withBom, 3, rows.length);
        Path labels = labelMap("1");
        // BOM in the detections only, then in the ground truth only: either way both keyframes match 'v1'
        AvaEvaluationResult r = AvaEvaluator.evaluate(labels, gt(GT), det(withBom), null, AvaProtocol.OFFICIAL);
        assertEquals(1.0, r.meanAp(), 0.0, "the detections' BOM is not part of 'v1'");
        Path g = Files.writeString(dir.resolve("gt.csv"), "\uFEFF" + GT);
        r = AvaEvaluator.evaluate(labels, g, det(rows), null, AvaProtocol.OFFICIAL);
        assertEquals(1.0, r.meanAp(), 0.0, "the ground truth's BOM is not part of 'v1'");
    }

    @Test
    void quotedFieldsReadAsPythonCsvReadsThem() throws Exception {
        Path labels = labelMap("1");
        Path d = det("\"v1\",0902,\"0.1\",0.1,0.5,0.5,1,0.9\n\"v\"\"1\",0903,0.1,0.1,0.5,0.5,1,0.8\n"
                + "v1,\"0903\",0.1,0.1,0.5,0.5,\"1\",\"0.7\"\n");
        AvaEvaluationResult r = AvaEvaluator.evaluate(labels, gt(GT), d, null, AvaProtocol.OFFICIAL);
        // "v""1" is the video v"1 (a false positive); the two others are the two ground-truth boxes
        assertEquals(3, r.detectionsEvaluated());
        assertEquals((1.0 + 2.0 / 3.0) / 2.0, r.meanAp(), 1e-15, "TP, FP, TP: AP = (1 + 2/3) / 2");
    }

    @Test
    void warnsWhenNoVideoIdMatches() throws Exception {
        Run r = evalAva(labelMap("1"), gt(GT), det("w1,0902,0.1,0.1,0.5,0.5,1,0.9\n"));
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("WARNING: no detection video id matches a ground-truth video id"), r.err());
        assertTrue(r.err().contains("'w1'") && r.err().contains("'v1'"), r.err());
    }

    @Test
    void warnsWhenFewerThanHalfOfTheKeyframesHaveDetections() throws Exception {
        String g = GT + "v1,0904,0.1,0.1,0.5,0.5,1,0\n";
        Run r = evalAva(labelMap("1"), gt(g), det("v1,0902,0.1,0.1,0.5,0.5,1,0.9\n"));
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("WARNING: only 1 of 3 ground-truth keyframes (33.3%) have any detection"), r.err());
        Run ok = evalAva(labelMap("1"), gt(GT), det("v1,0902,0.1,0.1,0.5,0.5,1,0.9\n"));
        assertFalse(ok.err().contains("WARNING"), "half of the keyframes is not fewer than half: " + ok.err());
    }

    @Test
    void labelMapIdOutOfRangeIsOneLine() throws Exception {
        for (String id : new String[] {"-1", "2000000000", "0"}) {
            Path labels = Files.writeString(dir.resolve("bad.pbtxt"), "item {\n  name: \"x\"\n  id: " + id + "\n}\n");
            Run r = evalAva(labels, gt(GT), det("v1,0902,0.1,0.1,0.5,0.5,1,0.9\n"));
            assertOneLineError(r, "bad.pbtxt:3: expected a class id between 1 and 100000, got '" + id + "'");
        }
    }

    @Test
    void latin1CsvIsOneLine() throws Exception {
        byte[] latin1 = "v\u00e91,0902,0.1,0.1,0.5,0.5,1,0.9\n".getBytes(StandardCharsets.ISO_8859_1);
        Run r = evalAva(labelMap("1"), gt(GT), det(latin1));
        assertOneLineError(r, "det.csv:1: column 1: expected UTF-8 text");
    }

    @Test
    void latin1LabelMapIsOneLine() throws Exception {
        Path labels = Files.write(dir.resolve("l.pbtxt"),
                "item {\n  name: \"caf\u00e9\"\n  id: 1\n}\n".getBytes(StandardCharsets.ISO_8859_1));
        Run r = evalAva(labels, gt(GT), det("v1,0902,0.1,0.1,0.5,0.5,1,0.9\n"));
        assertOneLineError(r, "l.pbtxt:2: expected UTF-8 text");
    }

    @Test
    void binaryCsvIsOneLine() throws Exception {
        byte[] bin = new byte[4096];
        new java.util.Random(1).nextBytes(bin);
        bin[100] = 0;
        Run r = evalAva(labelMap("1"), gt(GT), det(bin));
        assertOneLineError(r, "det.csv:");
    }

    @Test
    void jsonPointingAtADirectoryIsOneLineBeforeEvaluating() throws Exception {
        Path target = Files.createDirectory(dir.resolve("out"));
        Run r = evalAva(labelMap("1"), gt(GT), det("v1,0902,0.1,0.1,0.5,0.5,1,0.9\n"), "--json", target.toString());
        assertOneLineError(r, "--json", "is a directory");
        assertFalse(r.out().contains("mAP"), "refused before the evaluation: " + r.out());
    }

    @Test
    void protocolIsACaseInsensitiveEnum() throws Exception {
        Run r = evalAva(labelMap("1"), gt(GT), det("v1,0902,0.1,0.1,0.5,0.5,1,0.9\n"), "--protocol", "Stable");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("protocol stable"), r.out());
        Run bad = evalAva(labelMap("1"), gt(GT), det("v1,0902,0.1,0.1,0.5,0.5,1,0.9\n"), "--protocol", "fast");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("OFFICIAL") && bad.err().contains("STABLE"), bad.err());
    }

    @Test
    void jsonHasTheTieBandAndWarnings() throws Exception {
        Path json = dir.resolve("r.json");
        Run r = evalAva(labelMap("1"), gt(GT), det("v1,0902,0.1,0.1,0.5,0.5,1,0.5\nv1,0904,0.1,0.1,0.5,0.5,1,0.5\n"),
                "--json", json.toString());
        assertEquals(0, r.exit(), r.err());
        var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toFile());
        assertEquals(2, node.get("detections_in_mixed_tie_groups").asInt());
        // one TP and one FP tied, 2 GT: TP first gives 0.5, FP first 0.25
        assertEquals(0.25, node.get("mAP_lowest_over_ties").asDouble(), 1e-15);
        assertEquals(0.5, node.get("mAP_highest_over_ties").asDouble(), 1e-15);
        assertTrue(node.get("warnings").isArray());
        assertTrue(r.out().contains("mAP between 0.250000 and 0.500000"), r.out());
    }
}
