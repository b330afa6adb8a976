package io.x3dava.annotations.ava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.x3dava.annotations.AnnotationFormatException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AVA CSV checks on files larger than the duplicate tables' first size: rows differing in one column only are not
 * duplicates, a repeated row is found however far back, column counts and ranges are named.
 */
class AvaCsvChecksTest {
    @TempDir
    Path dir;

    private Path file(String name, List<String> lines) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, lines);
        return p;
    }

    private static void assertError(int line, String fragment, org.junit.jupiter.api.function.Executable ex) {
        AnnotationFormatException e = assertThrows(AnnotationFormatException.class, ex);
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage() + " should mention " + fragment);
    }

    private static String n(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    /** 5 x 500 ground-truth rows, each block varying one of x1, y1, x2, y2 and the action (all distinct rows). */
    private static List<String> distinctGroundTruth() {
        List<String> lines = new ArrayList<>();
        for (int k = 0; k < 500; k++) {
            double lo = k / 1000.0 + 0.0001; // never the other columns' 0.1
            double hi = 0.5001 + k / 1000.0; // never 0.9
            lines.add("vid,0902," + n(lo) + ",0.100,0.900,0.900,1,0");
            lines.add("vid,0902,0.100," + n(lo) + ",0.900,0.900,1,0");
            lines.add("vid,0902,0.100,0.100," + n(hi) + ",0.900,1,0");
            lines.add("vid,0902,0.100,0.100,0.900," + n(hi) + ",1,0");
            lines.add("vid,0903,0.100,0.100,0.900,0.900," + (k + 1) + "," + k);
        }
        return lines;
    }

    @Test
    void groundTruthRowsDifferingInOneColumnAreNotDuplicatesButARepeatIs() throws Exception {
        List<String> lines = distinctGroundTruth();
        assertEquals(2500, AvaCsv.readGroundTruth(file("gt.csv", lines)).size());
        List<String> repeated = new ArrayList<>(lines);
        repeated.add(lines.get(6)); // line 7, after the table grew
        assertError(2501, "as line 7", () -> AvaCsv.readGroundTruth(file("dup.csv", repeated)));
        List<String> otherPerson = new ArrayList<>(lines);
        otherPerson.add(lines.get(4).replaceAll(",0$", ",17")); // same box and action, another person
        assertEquals(2501, AvaCsv.readGroundTruth(file("person.csv", otherPerson)).size());
    }

    /** Detections of one keyframe varying like {@link #distinctGroundTruth}, score last. */
    private static List<String> distinctDetections(String video, String ts, int k0, int k1) {
        List<String> lines = new ArrayList<>();
        for (int k = k0; k < k1; k++) {
            double lo = k / 1000.0 + 0.0001; // never the other columns' 0.1
            double hi = 0.5001 + k / 1000.0; // never 0.9
            lines.add(video + "," + ts + "," + n(lo) + ",0.100,0.900,0.900,1,0.5");
            lines.add(video + "," + ts + ",0.100," + n(lo) + ",0.900,0.900,1,0.5");
            lines.add(video + "," + ts + ",0.100,0.100," + n(hi) + ",0.900,1,0.5");
            lines.add(video + "," + ts + ",0.100,0.100,0.900," + n(hi) + ",1,0.5");
            lines.add(video + "," + ts + ",0.100,0.100,0.900,0.900," + (k + 1) + ",0.5");
        }
        return lines;
    }

    @Test
    void detectionsOfOneLargeKeyframeAreCheckedForRepeats() throws Exception {
        List<String> lines = distinctDetections("vid", "0902", 0, 300);
        assertEquals(1500, AvaCsv.readDetections(file("det.csv", lines)).size());
        List<String> repeated = new ArrayList<>(lines);
        repeated.add(lines.get(1));
        assertError(1501, "as line 2", () -> AvaCsv.readDetections(file("dup.csv", repeated)));
    }

    @Test
    void interleavedKeyframesAreCheckedOverTheWholeFile() throws Exception {
        List<String> lines = new ArrayList<>(distinctDetections("a", "0902", 0, 3));
        lines.addAll(distinctDetections("b", "0902", 0, 3));
        lines.addAll(distinctDetections("a", "0902", 3, 6)); // keyframe a,0902 comes back: not a duplicate
        List<AvaDetectionRow> rows = AvaCsv.readDetections(file("det.csv", lines));
        assertEquals(45, rows.size());
        assertEquals(new Keyframe("b", 902), rows.get(15).keyframe());
        assertEquals(new Keyframe("a", 902), rows.get(44).keyframe());
        lines.add(lines.get(3)); // the first keyframe's 4th row again, after the other keyframe
        assertError(46, "as line 4", () -> AvaCsv.readDetections(file("dup.csv", lines)));
    }

    @Test
    void rowsKeepTheirOwnVideoKeyframeAndBox() throws Exception {
        List<AvaDetectionRow> rows = AvaCsv.readDetections(file("det.csv", List.of(
                "a,0902,0.1,0.2,0.3,0.4,1,0.9",
                "a,0902,0.1,0.2,0.3,0.4,2,0.8",
                "b,0902,0.1,0.2,0.3,0.4,1,0.7",
                "b,0903,0.1,0.2,0.3,0.4,1,0.6",
                "b,0903,0.5,0.2,0.3,0.4,1,0.5",
                "a,0903,0.5,0.2,0.3,0.4,1,0.4")));
        AvaBox box = new AvaBox(0.1, 0.2, 0.3, 0.4);
        AvaBox inverted = new AvaBox(0.5, 0.2, 0.3, 0.4); // kept: the evaluator drops it as the official one does
        assertEquals(List.of(new AvaDetectionRow(new Keyframe("a", 902), box, 1, 0.9),
                new AvaDetectionRow(new Keyframe("a", 902), box, 2, 0.8),
                new AvaDetectionRow(new Keyframe("b", 902), box, 1, 0.7),
                new AvaDetectionRow(new Keyframe("b", 903), box, 1, 0.6),
                new AvaDetectionRow(new Keyframe("b", 903), inverted, 1, 0.5),
                new AvaDetectionRow(new Keyframe("a", 903), inverted, 1, 0.4)), rows);
        assertSame(rows.get(0).keyframe(), rows.get(1).keyframe(), "rows of one keyframe share it");
    }

    @Test
    void columnCountsActionsAndCoordinatesAreNamed() throws Exception {
        String row = "vid,0902,0.1,0.2,0.3,0.4";
        assertError(2, "expected 8 columns (video_id,timestamp,x1,y1,x2,y2,action_id,score), got more than 8",
                () -> AvaCsv.readDetections(file("d9.csv", List.of(row + ",1,0.5", row + ",1,0.5,7"))));
        assertError(1, "got 7", () -> AvaCsv.readDetections(file("d7.csv", List.of(row + ",1"))));
        assertError(1, "column 7 (action_id): expected a positive action id, got 0",
                () -> AvaCsv.readDetections(file("d0.csv", List.of(row + ",0,0.5"))));
        assertError(1, "column 4 (y1): expected a normalized coordinate in [0,1], got 1.5",
                () -> AvaCsv.readDetections(file("dy.csv", List.of("vid,0902,0.1,1.5,0.3,0.4,1,0.5"))));
        assertError(1, "expected 7 or 8 columns (video_id,timestamp,x1,y1,x2,y2,action_id[,person_id]), got 6",
                () -> AvaCsv.readGroundTruth(file("g6.csv", List.of(row))));
        assertError(1, "got more than 8", () -> AvaCsv.readGroundTruth(file("g9.csv", List.of(row + ",1,2,3"))));
        assertError(1, "expected 7 or 8 columns", () -> AvaCsv.readProposals(file("p6.csv", List.of(row))));
        assertError(1, "y1 > y2", () -> AvaCsv.readGroundTruth(file("gy.csv",
                List.of("vid,0902,0.1,0.5,0.3,0.4,1"))));
        // a degenerate (zero-size) box is ordered
        assertEquals(new AvaBox(0.3, 0.4, 0.3, 0.4), AvaCsv.readGroundTruth(file("g0.csv",
                List.of("vid,0902,0.3,0.4,0.3,0.4,1"))).get(0).box());
        assertEquals(-1, AvaCsv.readGroundTruth(file("gneg.csv", List.of(row + ",-1"))).get(0).actionId());
    }
}
