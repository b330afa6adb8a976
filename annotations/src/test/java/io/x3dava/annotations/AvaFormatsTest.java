package io.x3dava.annotations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.x3dava.annotations.ava.AvaBox;
import io.x3dava.annotations.ava.AvaCsv;
import io.x3dava.annotations.ava.AvaDetectionRow;
import io.x3dava.annotations.ava.AvaExclusions;
import io.x3dava.annotations.ava.AvaGroundTruthRow;
import io.x3dava.annotations.ava.AvaKeyframes;
import io.x3dava.annotations.ava.AvaProposalRow;
import io.x3dava.annotations.ava.Keyframe;
import io.x3dava.annotations.ava.LabelMap;
import io.x3dava.annotations.ava.LabeledBox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AvaFormatsTest {
    @TempDir
    Path dir;

    Path file(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    /** Asserts the error names the file and the line. */
    static void assertError(Path file, int line, String fragment, org.junit.jupiter.api.function.Executable ex) {
        AnnotationFormatException e = assertThrows(AnnotationFormatException.class, ex);
        assertEquals(line, e.line(), e.getMessage());
        // line 0 (the file as a whole) is not written: "file: ..."
        assertTrue(e.getMessage().startsWith(file + (line > 0 ? ":" + line : "") + ":"), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage() + " should mention " + fragment);
    }

    @Test
    void groundTruthRoundTripAndGrouping() throws Exception {
        Keyframe k = new Keyframe("-5KQ66BBWC4", 902);
        AvaBox b = new AvaBox(0.077, 0.151, 0.283, 0.811);
        List<AvaGroundTruthRow> rows = List.of(new AvaGroundTruthRow(k, b, 80, 1), new AvaGroundTruthRow(k, b, 9, 1),
                new AvaGroundTruthRow(k, new AvaBox(0.332, 0.194, 0.481, 0.891), -1, 2),
                new AvaGroundTruthRow(new Keyframe("-5KQ66BBWC4", 1798), b, 12, -1));
        Path p = dir.resolve("gt.csv");
        AvaCsv.writeGroundTruth(p, rows);
        assertTrue(Files.readAllLines(p).get(0).startsWith("-5KQ66BBWC4,0902,0.077,0.151,0.283,0.811,80,1"));
        assertEquals(rows, AvaCsv.readGroundTruth(p));
        SortedMap<Keyframe, List<LabeledBox>> g = AvaKeyframes.group(rows);
        assertEquals(2, g.size());
        assertEquals(List.of(80, 9), g.get(k).get(0).actionIds());
        assertEquals(List.of(), g.get(k).get(1).actionIds(), "negative box kept without labels");
    }

    @Test
    void detectionsAndProposalsRoundTrip() throws Exception {
        Keyframe k = new Keyframe("vid", 1000);
        List<AvaDetectionRow> dets = List.of(new AvaDetectionRow(k, new AvaBox(0, 0, 1, 1), 3, 0.123456789012),
                new AvaDetectionRow(k, new AvaBox(0.5, 0.25, 0.75, 1), 3, 1e-7));
        Path d = dir.resolve("det.csv");
        AvaCsv.writeDetections(d, dets);
        assertEquals(dets, AvaCsv.readDetections(d));
        List<AvaProposalRow> props = List.of(new AvaProposalRow(k, new AvaBox(0.1, 0.2, 0.3, 0.4), 0, 0.95),
                new AvaProposalRow(k, new AvaBox(0.2, 0.2, 0.3, 0.4), 7, 0.85));
        Path p = dir.resolve("props.csv");
        AvaCsv.writeProposals(p, props);
        assertTrue(Files.readAllLines(p).get(0).contains(",,0.95"), "empty action column as in SlowFast's files");
        assertEquals(props, AvaCsv.readProposals(p));
    }

    @Test
    void timestampsAsTheOfficialKey() throws Exception {
        Path p = file("t.csv", "v,902,0.1,0.1,0.2,0.2,1,0.5\nv,0903,0.1,0.1,0.2,0.2,1,0.5\nv,904.0,0.1,0.1,0.2,0.2,1,0.5\n");
        List<AvaDetectionRow> r = AvaCsv.readDetections(p);
        assertEquals(List.of(902, 903, 904), r.stream().map(x -> x.keyframe().timestamp()).toList());
        assertEquals("v,0902", r.get(0).keyframe().imageKey());
    }

    @Test
    void validationNamesFileAndLine() throws Exception {
        String ok = "v,0902,0.1,0.1,0.2,0.2,1,0.5\n";
        Path cols = file("cols.csv", ok + "v,0902,0.1,0.1,0.2,0.2,1\n");
        assertError(cols, 2, "expected 8 columns", () -> AvaCsv.readDetections(cols));
        Path num = file("num.csv", ok + ok.replace("0.5", "high").replace("0902", "0903"));
        assertError(num, 2, "score", () -> AvaCsv.readDetections(num));
        Path range = file("range.csv", "v,0902,0.1,0.1,1.2,0.2,1,0\n");
        assertError(range, 1, "[0,1]", () -> AvaCsv.readGroundTruth(range));
        Path inverted = file("inv.csv", "v,0902,0.3,0.1,0.2,0.2,1,0\n");
        assertError(inverted, 1, "x1 > x2", () -> AvaCsv.readGroundTruth(inverted));
        Path dup = file("dup.csv", ok + "v,0903,0.1,0.1,0.2,0.2,1,0.5\n" + ok.replace("0.5", "0.7"));
        assertError(dup, 3, "line 1", () -> AvaCsv.readDetections(dup));
        Path empty = file("empty.csv", "\n");
        assertError(empty, 0, "empty", () -> AvaCsv.readDetections(empty));
        Path action = file("act.csv", "v,0902,0.1,0.1,0.2,0.2,0,1\n");
        assertError(action, 1, "action", () -> AvaCsv.readGroundTruth(action));
        Path missing = dir.resolve("missing.csv");
        assertError(missing, 0, "not found", () -> AvaCsv.readGroundTruth(missing));
    }

    @Test
    void labelMapBothVersionsAndErrors() throws Exception {
        Path v21 = file("v21.pbtxt", "item {\n  name: \"bend/bow (at the waist)\"\n  id: 1\n}\nitem { name: \"crawl\" id: 3 }\n");
        LabelMap m = LabelMap.read(v21);
        assertEquals(List.of(1, 3), m.ids());
        assertEquals("bend/bow (at the waist)", m.name(1));
        Path v22 = file("v22.pbtxt", "label {\n  name: \"x\"\n}\n".replace("label", "item").replace("}\n",
                "  label_id: 5\n  label_type: PERSON_MOVEMENT\n}\n"));
        LabelMap m2 = LabelMap.read(v22);
        assertEquals("PERSON_MOVEMENT", m2.entries().get(0).labelType());
        Path out = dir.resolve("out.pbtxt");
        m2.write(out);
        assertEquals(m2.entries(), LabelMap.read(out).entries());
        Path dupId = file("dup.pbtxt", "item { name: \"a\" id: 1 }\nitem { name: \"b\" id: 1 }\n");
        assertError(dupId, 2, "duplicate class id 1", () -> LabelMap.read(dupId));
        Path open = file("open.pbtxt", "item {\n name: \"a\"\n id: 1\n");
        assertError(open, 1, "unbalanced", () -> LabelMap.read(open));
        Path noId = file("noid.pbtxt", "item {\n name: \"a\"\n}\n");
        assertError(noId, 1, "no id", () -> LabelMap.read(noId));
    }

    @Test
    void exclusionsRoundTrip() throws Exception {
        Set<Keyframe> ex = Set.of(new Keyframe("a", 902), new Keyframe("b", 1000));
        Path p = dir.resolve("ex.csv");
        AvaExclusions.write(p, ex);
        assertEquals(ex, AvaExclusions.read(p));
        Path bad = file("bad.csv", "a,0902\nb\n");
        assertError(bad, 2, "2 columns", () -> AvaExclusions.read(bad));
    }
}
