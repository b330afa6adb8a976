package io.x3dava.viewer.annotate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.x3dava.annotations.ava.AvaBox;
import io.x3dava.annotations.ava.AvaDetectionRow;
import io.x3dava.annotations.ava.Keyframe;
import io.x3dava.annotations.ava.LabelMap;
import io.x3dava.annotations.ava.LabelMapEntry;
import io.x3dava.proposals.track.TracksJson;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The annotation model without a window: edits, saving, undo, copy, suggestions, reopening. */
class AnnotationSessionTest {
    static final LabelMap MAP = new LabelMap(List.of(new LabelMapEntry(1, "lift", null),
            new LabelMapEntry(2, "push", null), new LabelMapEntry(3, "scan", null)));
    static final AvaBox A = new AvaBox(0.1, 0.1, 0.4, 0.9);
    static final AvaBox B = new AvaBox(0.5, 0.2, 0.8, 0.95);

    @TempDir
    Path dir;

    @Test
    void everyEditIsSavedAtOnceOtherVideosKeptAndUndoRewritesTheFile() throws Exception {
        Path gt = dir.resolve("gt.csv");
        Files.writeString(gt, "other,0007,0.1,0.1,0.2,0.2,2,5\n");
        AnnotationSession s = new AnnotationSession("cam", List.of(1, 2, 3), MAP, gt, 0);
        s.prefill(1, List.of(new PersonLabel(7, A, Set.of())));
        assertEquals("other,0007,0.1,0.1,0.2,0.2,2,5\n", Files.readString(gt), "suggestions are not saved");
        s.toggleAction(1, 0, 3);
        s.toggleAction(1, 0, 1);
        assertEquals("other,0007,0.1,0.1,0.2,0.2,2,5\ncam,0001,0.1,0.1,0.4,0.9,1,7\ncam,0001,0.1,0.1,0.4,0.9,3,7\n",
                Files.readString(gt));
        s.moveBox(1, 0, new AvaBox(0.123456, 0.1, 0.4, 0.9));
        assertTrue(Files.readString(gt).contains("cam,0001,0.1235,0.1,0.4,0.9,1,7"), Files.readString(gt));
        assertTrue(s.undo());
        assertTrue(Files.readString(gt).contains("cam,0001,0.1,0.1,0.4,0.9,1,7"));
        s.toggleAction(1, 0, 1);
        assertEquals(Set.of(3), s.people(1).get(0).actions());
        s.deleteBox(1, 0);
        assertEquals("other,0007,0.1,0.1,0.2,0.2,2,5\n", Files.readString(gt));
        s.undo();
        assertEquals(1, s.labelledCount());
    }

    @Test
    void copyPreviousLinksTracksAndReopeningContinues() throws Exception {
        Path gt = dir.resolve("gt.csv");
        AnnotationSession s = new AnnotationSession("cam", List.of(1, 2, 3), MAP, gt, 900);
        s.prefill(1, List.of(new PersonLabel(-1, A, Set.of()), new PersonLabel(-1, B, Set.of())));
        List<PersonLabel> first = s.people(1);
        s.toggleAction(1, 0, 1);
        s.toggleAction(1, 1, 2);
        s.toggleAction(1, 1, 3);
        // keyframe 2: the same two people moved a little (untracked boxes are linked by overlap), plus a newcomer
        s.prefill(2, List.of(new PersonLabel(-1, new AvaBox(0.55, 0.2, 0.85, 0.95), Set.of()),
                new PersonLabel(-1, new AvaBox(0.15, 0.1, 0.45, 0.9), Set.of()),
                new PersonLabel(-1, new AvaBox(0.9, 0.0, 1.0, 0.1), Set.of())));
        assertEquals(first.get(1).personId(), s.people(2).get(0).personId());
        assertEquals(first.get(0).personId(), s.people(2).get(1).personId());
        assertEquals(2, s.copyPrevious(2));
        assertEquals(Set.of(2, 3), s.people(2).get(0).actions());
        assertEquals(Set.of(1), s.people(2).get(1).actions());
        assertEquals(Set.of(), s.people(2).get(2).actions());
        assertEquals(3, s.nextUnlabelled(1));
        assertEquals(3, s.nextUnlabelled(3));

        AnnotationSession again = new AnnotationSession("cam", List.of(1, 2, 3), MAP, gt, 900);
        assertEquals(2, again.labelledCount());
        assertFalse(again.needsPrefill(2));
        assertTrue(again.needsPrefill(3));
        assertEquals(Set.of(2, 3), again.people(2).stream().filter(p -> p.personId() == first.get(1).personId())
                .findFirst().orElseThrow().actions());
        assertTrue(Files.readString(gt).startsWith("cam,0901,"), "timestamps are offset + second");
    }

    @Test
    void tracksAndDetectionsPreTickWithoutSavingUntilAccepted() throws Exception {
        TracksJson.Document tracks = new TracksJson.Document("cam", 25, 4, List.of(
                new TracksJson.TrackDoc(12, List.of(new TracksJson.BoxDoc(0.75, 0, 0, 0.1, 0.1, 0.9),
                        new TracksJson.BoxDoc(1.0, 0.1, 0.1, 0.4, 0.9, 0.9))),
                new TracksJson.TrackDoc(13, List.of(new TracksJson.BoxDoc(2.0, 0.5, 0.2, 0.8, 0.95, 0.9)))));
        List<AvaDetectionRow> dets = List.of(
                new AvaDetectionRow(new Keyframe("cam", 1), new AvaBox(0.11, 0.1, 0.4, 0.9), 2, 0.7),
                new AvaDetectionRow(new Keyframe("cam", 1), new AvaBox(0.11, 0.1, 0.4, 0.9), 3, 0.2),
                new AvaDetectionRow(new Keyframe("cam", 1), new AvaBox(0.11, 0.1, 0.4, 0.9), 9, 0.9));
        BoxSuggestions s = new ActionPreTicks(new TrackSuggestions(tracks), dets, "cam", 0, 0.5);
        List<PersonLabel> at1 = s.at(1, null);
        assertEquals(List.of(new PersonLabel(12, A, Set.of(2, 9))), at1);
        Path gt = dir.resolve("gt.csv");
        AnnotationSession session = new AnnotationSession("cam", List.of(1, 2), MAP, gt, 0);
        session.prefill(1, at1);
        assertEquals(Set.of(2), session.people(1).get(0).actions(), "action 9 is not in the label map");
        assertFalse(Files.exists(gt));
        session.confirm(1);
        assertEquals("cam,0001,0.1,0.1,0.4,0.9,2,12\n", Files.readString(gt));
        assertEquals(List.of(new PersonLabel(13, B, Set.of())), s.at(2, null));
    }
}
