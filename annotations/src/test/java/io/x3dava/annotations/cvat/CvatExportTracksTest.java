package io.x3dava.annotations.cvat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.x3dava.annotations.ava.AvaBox;
import io.x3dava.annotations.ava.AvaDetectionRow;
import io.x3dava.annotations.ava.AvaGroundTruthRow;
import io.x3dava.annotations.ava.Keyframe;
import io.x3dava.annotations.ava.LabelMap;
import io.x3dava.annotations.ava.LabelMapEntry;
import io.x3dava.annotations.cvat.CvatExport.TimedBox;
import io.x3dava.annotations.cvat.CvatExport.TimedTrack;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * detect-video tracks to CVAT: frames of the track's boxes, actions of the best-overlapping keyframe detection
 * (IoU >= 0.5, score >= threshold) carried to the boxes in between, and the outside box that ends a track.
 */
class CvatExportTracksTest {
    /** 100x50 pixels at 4 fps (binary-exact times), 40 frames = 10 s. */
    private static final CvatVideo VIDEO = new CvatVideo(100, 50, 4, 40);
    private static final LabelMap MAP = new LabelMap(List.of(new LabelMapEntry(1, "a", null),
            new LabelMapEntry(2, "b", null), new LabelMapEntry(3, "c", null)));
    private static final AvaBox T = new AvaBox(0.25, 0.25, 0.75, 0.75);
    /** IoU with T exactly 0.5. */
    private static final AvaBox HALF = new AvaBox(0.25, 0.25, 0.75, 0.5);
    private static final AvaBox FAR = new AvaBox(0, 0, 0.125, 0.125);

    private static AvaDetectionRow det(int ts, AvaBox box, int action, double score) {
        return new AvaDetectionRow(new Keyframe("v", ts), box, action, score);
    }

    private static TimedTrack track(int id, double... seconds) {
        List<TimedBox> boxes = new ArrayList<>();
        for (double s : seconds) {
            boxes.add(new TimedBox(s, T));
        }
        return new TimedTrack(id, boxes);
    }

    /** "track frame [outside] actions" per box, T in pixels is (25, 12.5, 75, 37.5). */
    private static List<String> describe(CvatDocument doc) {
        List<String> out = new ArrayList<>();
        for (CvatTrack t : doc.tracks()) {
            for (CvatBox b : t.boxes()) {
                assertEquals(List.of(25.0, 12.5, 75.0, 37.5), List.of(b.xtl(), b.ytl(), b.xbr(), b.ybr()));
                StringBuilder sb = new StringBuilder(t.id() + " " + b.frame() + (b.outside() ? " outside" : "") + " [");
                for (CvatAttribute a : b.attributes()) {
                    if (a.value().equals("true")) {
                        sb.append(a.name());
                    }
                }
                out.add(sb.append(']').toString());
            }
        }
        return out;
    }

    @Test
    void tracksGetTheActionsOfTheirKeyframeDetections() {
        List<AvaDetectionRow> dets = List.of(
                det(901, T, 1, 0.9), det(901, T, 2, 0.2), det(901, FAR, 3, 0.9), det(901, T, 99, 0.9),
                det(902, HALF, 2, 0.5), det(902, FAR, 3, 0.9),
                det(903, T, 3, 0.9), det(903, HALF, 2, 0.9));
        List<TimedTrack> tracks = List.of(
                // 2.125 s is half a frame from keyframe 2: not the keyframe, carries 1 s's actions
                track(7, 1.0, 1.5, 2.125, 2.5),
                track(8, 2.0), // one box: ends a second later
                track(9, 3.0),
                track(10, 10.0, 11.0), // after the video: no track
                track(11, 8.0, 9.0), // would end at frame 40, the video's length
                track(12, 5.0, 4.8)); // a box before a frame already written is dropped, no end box at frame 20 again
        CvatDocument doc = CvatExport.fromTracks("clip", tracks, dets, 0.5, MAP, VIDEO, 900);
        assertEquals(List.of(
                "7 4 [a]", "7 6 [a]", "7 9 [a]", "7 10 [a]", "7 12 outside [a]",
                "8 8 [b]", "8 12 outside [b]",
                "9 12 [c]", "9 16 outside [c]",
                "11 32 []", "11 36 []",
                "12 20 []"), describe(doc));
        assertEquals("clip", doc.name());
        assertEquals(100, doc.width());
        assertEquals(50, doc.height());
        assertEquals(Map.of(CvatExport.PERSON, Map.of("a", CvatInputType.CHECKBOX, "b", CvatInputType.CHECKBOX,
                "c", CvatInputType.CHECKBOX)), doc.labels());
    }

    @Test
    void groundTruthTracksEndWhereThePersonIsGone() {
        // person 0 at seconds 1 and 2, an anonymous box at 1; step 1 s, 4 fps, 40 frames
        List<AvaGroundTruthRow> rows = List.of(
                new AvaGroundTruthRow(new Keyframe("v", 901), T, 1, 0),
                new AvaGroundTruthRow(new Keyframe("v", 902), T, 2, 0),
                new AvaGroundTruthRow(new Keyframe("v", 901), T, 3, -1),
                new AvaGroundTruthRow(new Keyframe("v", 909), T, 3, 5)); // ends at second 10 = frame 40: no end box
        CvatDocument doc = CvatExport.fromGroundTruth("gt", rows, MAP, VIDEO, 900, 1);
        assertEquals(List.of("0 4 [a]", "0 8 [b]", "0 12 outside [b]", "5 36 [c]", "6 4 [c]", "6 8 outside [c]"),
                describe(doc));
    }
}
