package io.x3dava.viewer;

import static io.x3dava.viewer.Rows.box;
import static io.x3dava.viewer.Rows.det;
import static io.x3dava.viewer.Rows.gt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.x3dava.annotations.ava.AvaBox;
import io.x3dava.annotations.ava.Keyframe;
import io.x3dava.annotations.ava.LabelMap;
import io.x3dava.annotations.ava.LabelMapEntry;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class OverlayQueryTest {
    static final AvaBox A1 = box(0.1, 0.1, 0.5, 0.9);
    static final AvaBox A2 = box(0.2, 0.1, 0.6, 0.9); // the same person one second later (IoU 0.6)
    static final LabelMap LABELS = new LabelMap(List.of(new LabelMapEntry(1, "stand", null),
            new LabelMapEntry(2, "sit", null), new LabelMapEntry(3, "talk", null), new LabelMapEntry(4, "watch", null)));

    static OverlayModel detectionsOnly() {
        return new OverlayModel(List.of(
                det("v", 901, A1, 1, 0.9), det("v", 901, A1, 2, 0.5), det("v", 901, A1, 3, 0.2),
                det("v", 902, A2, 1, 0.8)), List.of(), LABELS, Set.of());
    }

    static OverlaySettings settings(DrawMode m) {
        return OverlaySettings.defaults().withMode(m).withThreshold(0.1).withTopK(5);
    }

    @Test
    void keyframeOnlyDrawsOnlyAtTheKeyframe() {
        OverlayQuery q = new OverlayQuery(detectionsOnly());
        OverlaySettings s = settings(DrawMode.KEYFRAME_ONLY);
        assertEquals(1, q.at("v", 901.0, s).boxes().size());
        assertEquals(1, q.at("v", 900.99, s).boxes().size(), "a frame time just below the second counts as the keyframe");
        assertEquals(0, q.at("v", 901.5, s).boxes().size());
        assertEquals(0, q.at("v", 903.0, s).boxes().size());
        assertEquals(0, q.at("other", 901.0, s).boxes().size());
        assertEquals(new Keyframe("v", 901), q.at("v", 901.0, s).keyframe());
    }

    @Test
    void holdKeepsTheLastKeyframeUntilTheNext() {
        OverlayQuery q = new OverlayQuery(detectionsOnly());
        OverlaySettings s = settings(DrawMode.HOLD);
        assertEquals(A1, q.at("v", 901.7, s).boxes().get(0).box());
        assertEquals(A2, q.at("v", 902.2, s).boxes().get(0).box());
        assertTrue(q.at("v", 900.5, s).boxes().isEmpty());
        assertTrue(q.at("v", 903.1, s).boxes().isEmpty(), "no keyframe 903: nothing held beyond a second");
    }

    @Test
    void interpolateMovesMatchedBoxesLinearly() {
        OverlayQuery q = new OverlayQuery(detectionsOnly());
        FrameOverlay o = q.at("v", 901.25, settings(DrawMode.INTERPOLATE));
        assertEquals(1, o.boxes().size());
        AvaBox b = o.boxes().get(0).box();
        assertEquals(0.125, b.x1(), 1e-9);
        assertEquals(0.525, b.x2(), 1e-9);
        assertEquals(0.1, b.y1(), 1e-9);
        assertEquals(3, o.boxes().get(0).labelLines().size(), "labels of the nearer (earlier) keyframe");
        assertEquals(1, q.at("v", 901.75, settings(DrawMode.INTERPOLATE)).boxes().get(0).labelLines().size());
        // after the last keyframe there is nothing to move towards: held
        assertEquals(A2, q.at("v", 902.5, settings(DrawMode.INTERPOLATE)).boxes().get(0).box());
    }

    @Test
    void thresholdAndTopKChooseTheLabelLines() {
        OverlayQuery q = new OverlayQuery(detectionsOnly());
        DrawnBox all = q.at("v", 901, settings(DrawMode.HOLD)).boxes().get(0);
        assertEquals(List.of("stand 0.90", "sit 0.50", "talk 0.20"), all.labelLines());
        assertEquals(1, all.colourClass(), "colour of the top action");
        assertEquals(BoxStyle.DETECTION, all.style());
        DrawnBox top1 = q.at("v", 901, settings(DrawMode.HOLD).withTopK(1)).boxes().get(0);
        assertEquals(List.of("stand 0.90"), top1.labelLines());
        DrawnBox above = q.at("v", 901, settings(DrawMode.HOLD).withThreshold(0.4)).boxes().get(0);
        assertEquals(List.of("stand 0.90", "sit 0.50"), above.labelLines());
        assertTrue(q.at("v", 901, settings(DrawMode.HOLD).withThreshold(0.95)).boxes().isEmpty(),
                "a box with no action above the threshold is not drawn");
    }

    @Test
    void classFilterHidesClasses() {
        OverlayQuery q = new OverlayQuery(detectionsOnly());
        OverlaySettings s = settings(DrawMode.HOLD).withFilter(ClassFilter.only(Set.of(2, 3)));
        DrawnBox b = q.at("v", 901, s).boxes().get(0);
        assertEquals(List.of("sit 0.50", "talk 0.20"), b.labelLines());
        assertEquals(2, b.colourClass());
        assertTrue(q.at("v", 902, s).boxes().isEmpty());
    }

    @Test
    void marksTruePositivesFalsePositivesAndMissedGroundTruth() {
        AvaBox far = box(0.6, 0.1, 0.9, 0.5);
        OverlayModel m = detectionsOnly().withGroundTruth(List.of(
                gt("v", 901, A1, 1, 0), gt("v", 901, A1, 4, 0), // stand found; watch missed
                gt("v", 901, far, 2, 1)));                       // "sit" is here, not on A1
        List<DrawnBox> boxes = new OverlayQuery(m).at("v", 901, settings(DrawMode.KEYFRAME_ONLY)).boxes();
        assertEquals(3, boxes.size());
        DrawnBox d = boxes.get(0);
        assertEquals(BoxStyle.TRUE_POSITIVE, d.style());
        assertEquals(List.of("TP stand 0.90", "FP sit 0.50", "FP talk 0.20"), d.labelLines());
        DrawnBox g1 = boxes.get(1);
        assertEquals(A1, g1.box());
        assertEquals(BoxStyle.MISSED, g1.style());
        assertEquals(List.of("GT stand", "GT watch (missed)"), g1.labelLines());
        assertEquals(4, g1.colourClass(), "a missed box takes the missed class's colour");
        assertEquals(BoxStyle.MISSED, boxes.get(2).style());

        // at 902 there is no ground truth: the detection is a false positive, as the evaluator counts it
        assertEquals(BoxStyle.FALSE_POSITIVE, new OverlayQuery(m).at("v", 902, settings(DrawMode.HOLD)).boxes().get(0).style());
    }

    @Test
    void groundTruthFoundByAllShownDetectionsIsNotMissed() {
        OverlayModel m = detectionsOnly().withGroundTruth(List.of(gt("v", 901, A1, 1, 0)));
        List<DrawnBox> boxes = new OverlayQuery(m).at("v", 901, settings(DrawMode.HOLD)).boxes();
        assertEquals(BoxStyle.GROUND_TRUTH, boxes.get(1).style());
        // with the threshold above the detection's score, the ground truth is missed
        List<DrawnBox> high = new OverlayQuery(m).at("v", 901, settings(DrawMode.HOLD).withThreshold(0.95)).boxes();
        assertEquals(1, high.size());
        assertEquals(BoxStyle.MISSED, high.get(0).style());
    }

    @Test
    void excludedKeyframesAreNotJudged() {
        OverlayModel m = detectionsOnly().withGroundTruth(List.of(gt("v", 901, A1, 4, 0)))
                .withExclusions(Set.of(new Keyframe("v", 901)));
        List<DrawnBox> boxes = new OverlayQuery(m).at("v", 901, settings(DrawMode.HOLD)).boxes();
        assertEquals(BoxStyle.DETECTION, boxes.get(0).style());
        assertEquals(BoxStyle.GROUND_TRUTH, boxes.get(1).style());
    }

    @Test
    void keyframeNavigation() {
        OverlayQuery q = new OverlayQuery(detectionsOnly());
        double tol = OverlaySettings.DEFAULT_TOLERANCE;
        assertEquals(902, q.nextKeyframe("v", 901.0, tol));
        assertEquals(901, q.nextKeyframe("v", 900.2, tol));
        assertNull(q.nextKeyframe("v", 902.0, tol));
        assertEquals(901, q.previousKeyframe("v", 902.0, tol));
        assertEquals(902, q.previousKeyframe("v", 902.5, tol));
        assertNull(q.previousKeyframe("v", 901.0, tol));
        assertEquals(901, q.currentKeyframe("v", 901.9, tol));
        assertEquals(902, q.currentKeyframe("v", 901.99, tol), "within the tolerance of 902");
    }

    @Test
    void withoutLabelMapClassesAreNamedById() {
        OverlayModel m = new OverlayModel(List.of(det("v", 5, A1, 7, 0.9)), List.of(), null, Set.of());
        assertEquals(List.of("action 7 0.90"), new OverlayQuery(m).at("v", 5, settings(DrawMode.HOLD)).boxes().get(0).labelLines());
        assertEquals(List.of(7), m.labelMap().ids());
    }

    @Test
    void videoIdFallsBackToTheOnlyAnnotatedVideo() {
        assertEquals("v", detectionsOnly().videoIdFor("renamed_clip"));
        assertEquals("v", detectionsOnly().videoIdFor("v"));
    }
}
