package io.x3dava.eval.ava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.x3dava.annotations.ava.AvaBox;
import io.x3dava.annotations.ava.AvaDetectionRow;
import io.x3dava.annotations.ava.AvaGroundTruthRow;
import io.x3dava.annotations.ava.Keyframe;
import io.x3dava.annotations.ava.LabelMap;
import io.x3dava.annotations.ava.LabelMapEntry;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Hand-checked cases, one per rule of the official evaluator. */
class AvaRulesTest {
    static final LabelMap LABELS = new LabelMap(List.of(new LabelMapEntry(1, "stand", null),
            new LabelMapEntry(2, "sit", null), new LabelMapEntry(3, "walk", null)));
    static final Keyframe K1 = new Keyframe("vid", 902);
    static final Keyframe K2 = new Keyframe("vid", 903);
    static final AvaBox A = new AvaBox(0.1, 0.1, 0.3, 0.5);
    static final AvaBox B = new AvaBox(0.6, 0.1, 0.9, 0.6);

    static AvaEvaluator evaluator(AvaProtocol p, Set<Keyframe> excluded) {
        return new AvaEvaluator(LABELS, excluded, p);
    }

    static AvaDetectionRow det(Keyframe k, AvaBox b, int action, double score) {
        return new AvaDetectionRow(k, b, action, score);
    }

    static double ap(AvaEvaluationResult r, int id) {
        return r.classes().stream().filter(c -> c.id() == id).findFirst().orElseThrow().ap();
    }

    /** A box shifted right by dx (IoU with the original known in closed form). */
    static AvaBox shifted(AvaBox b, double dx) {
        return new AvaBox(b.x1() + dx, b.y1(), b.x2() + dx, b.y2());
    }

    @Test
    void capKeepsTop50PerKeyframe() {
        for (AvaProtocol p : new AvaProtocol[] {AvaProtocol.OFFICIAL, AvaProtocol.SLOWFAST}) {
            AvaEvaluator e = evaluator(p, Set.of());
            e.addGroundTruth(new AvaGroundTruthRow(K1, A, 1, 0));
            // 59 false positives far away with scores 0.99..0.41, the true positive has the 60th (lowest) score
            for (int i = 0; i < 59; i++) {
                e.addDetection(det(K1, B, 1, 0.99 - i * 0.01));
            }
            e.addDetection(det(K1, A, 1, 0.05));
            AvaEvaluationResult r = e.evaluate();
            if (p == AvaProtocol.OFFICIAL) {
                assertEquals(0.0, ap(r, 1), 0.0, "the TP is the 60th row and falls outside the top 50");
                assertEquals(50, r.detectionsEvaluated());
            } else {
                assertEquals(1.0 / 60, ap(r, 1), 1e-12, "without a cap the TP is found at rank 60");
            }
        }
    }

    @Test
    void secondDetectionOfClaimedGroundTruthIsFalsePositive() {
        AvaEvaluator e = evaluator(AvaProtocol.OFFICIAL, Set.of());
        e.addGroundTruth(new AvaGroundTruthRow(K1, A, 1, 0));
        e.addGroundTruth(new AvaGroundTruthRow(K2, B, 1, 0));
        e.addDetection(det(K1, A, 1, 0.9));
        e.addDetection(det(K1, A, 1, 0.8)); // same GT again: FP
        AvaEvaluationResult r = e.evaluate();
        // ranks: TP (P=1, R=0.5), FP -> AP = 0.5 * 1
        assertEquals(0.5, ap(r, 1), 1e-12);
    }

    @Test
    void detectionOnlyLooksAtItsHighestIouGroundTruth() {
        // GT boxes G1 and G2 overlap; d2 overlaps G2 best (already claimed by d1) and G1 above 0.5 too: still FP
        AvaBox g1 = new AvaBox(0.10, 0.1, 0.50, 0.5);
        AvaBox g2 = new AvaBox(0.14, 0.1, 0.54, 0.5);
        AvaBox d2 = new AvaBox(0.13, 0.1, 0.53, 0.5);
        assertTrue(d2.iou(g2) > d2.iou(g1) && d2.iou(g1) >= 0.5);
        AvaEvaluator e = evaluator(AvaProtocol.OFFICIAL, Set.of());
        e.addGroundTruth(new AvaGroundTruthRow(K1, g1, 1, 0));
        e.addGroundTruth(new AvaGroundTruthRow(K1, g2, 1, 1));
        e.addDetection(det(K1, g2, 1, 0.9));
        e.addDetection(det(K1, d2, 1, 0.8));
        AvaEvaluationResult r = e.evaluate();
        assertEquals(0.5, ap(r, 1), 1e-12, "TP then FP against 2 GT boxes");
    }

    @Test
    void detectionBelowIouThresholdIsFalsePositive() {
        // x-shift giving IoU exactly 0.5 would be fragile in floating point; use IoU 1/3 (miss) and 0.6 (hit)
        AvaBox g = new AvaBox(0.0, 0.0, 0.4, 1.0);
        AvaBox miss = shifted(g, 0.2); // inter 0.2, union 0.6 -> 1/3
        AvaBox hit = new AvaBox(0.0, 0.0, 0.24, 1.0); // inter 0.24, union 0.4 -> 0.6
        AvaEvaluator e = evaluator(AvaProtocol.OFFICIAL, Set.of());
        e.addGroundTruth(new AvaGroundTruthRow(K1, g, 1, 0));
        e.addDetection(det(K1, miss, 1, 0.9));
        e.addDetection(det(K1, hit, 1, 0.8));
        assertEquals(0.5, ap(e.evaluate(), 1), 1e-12, "FP (IoU 1/3) then TP (IoU 0.6): precision 1/2 at recall 1");
    }

    @Test
    void excludedKeyframesLeaveBothSides() {
        AvaEvaluator e = evaluator(AvaProtocol.OFFICIAL, Set.of(K2));
        e.addGroundTruth(new AvaGroundTruthRow(K1, A, 1, 0));
        e.addGroundTruth(new AvaGroundTruthRow(K2, A, 1, 0)); // excluded: not a missed GT
        e.addDetection(det(K1, A, 1, 0.5));
        e.addDetection(det(K2, B, 1, 0.9)); // excluded: not a false positive
        AvaEvaluationResult r = e.evaluate();
        assertEquals(1.0, ap(r, 1), 1e-12);
        assertEquals(1, r.groundTruthKeyframes());
    }

    @Test
    void classWithGroundTruthButNoDetectionScoresZeroAndClassWithoutGroundTruthIsLeftOut() {
        AvaEvaluator e = evaluator(AvaProtocol.OFFICIAL, Set.of());
        e.addGroundTruth(new AvaGroundTruthRow(K1, A, 1, 0));
        e.addGroundTruth(new AvaGroundTruthRow(K1, A, 2, 0));
        e.addDetection(det(K1, A, 1, 0.7));
        e.addDetection(det(K1, B, 3, 0.7)); // class 3 has no GT
        AvaEvaluationResult r = e.evaluate();
        assertEquals(1.0, ap(r, 1), 0.0);
        assertEquals(0.0, ap(r, 2), 0.0);
        assertTrue(Double.isNaN(ap(r, 3)));
        assertEquals(0.5, r.meanAp(), 1e-12);
    }

    @Test
    void zeroAreaDetectionsAreDroppedNotCountedAsFalsePositives() {
        AvaEvaluator e = evaluator(AvaProtocol.OFFICIAL, Set.of());
        e.addGroundTruth(new AvaGroundTruthRow(K1, A, 1, 0));
        e.addDetection(det(K1, new AvaBox(0.2, 0.2, 0.2, 0.6), 1, 0.99)); // zero width
        e.addDetection(det(K1, new AvaBox(0.5, 0.6, 0.7, 0.3), 1, 0.98)); // inverted
        e.addDetection(det(K1, A, 1, 0.5));
        AvaEvaluationResult r = e.evaluate();
        assertEquals(1.0, ap(r, 1), 0.0);
        assertEquals(1, r.detectionsEvaluated());
    }

    @Test
    void labelsOutsideTheLabelMapAreIgnored() {
        AvaEvaluator e = evaluator(AvaProtocol.OFFICIAL, Set.of());
        e.addGroundTruth(new AvaGroundTruthRow(K1, A, 1, 0));
        e.addGroundTruth(new AvaGroundTruthRow(K1, B, 80, 0));
        e.addDetection(det(K1, A, 1, 0.5));
        e.addDetection(det(K1, B, 80, 0.9));
        AvaEvaluationResult r = e.evaluate();
        assertEquals(1.0, r.meanAp(), 0.0);
        assertEquals(3, r.classes().size());
        assertEquals(1, r.groundTruthRowsIgnored());
        assertEquals(1, r.detectionRowsIgnored());
        assertTrue(AvaReport.table(r).contains("1 ground-truth and 1 detection rows have actions outside the label map"));
    }

    @Test
    void tiedScoresFollowNumpyArgsortReversed() {
        // two keyframes, equal scores, one GT. Small arrays are insertion-sorted (stable) by numpy's argsort, and the
        // official code reverses the ascending order: the row concatenated last is ranked first among equal scores.
        AvaEvaluator fpFirst = evaluator(AvaProtocol.OFFICIAL, Set.of());
        fpFirst.addGroundTruth(new AvaGroundTruthRow(K2, A, 1, 0));
        fpFirst.addDetection(det(K1, A, 1, 0.5)); // FP (no GT at K1), concatenated first
        fpFirst.addDetection(det(K2, A, 1, 0.5)); // TP, concatenated second -> ranked first
        assertEquals(1.0, ap(fpFirst.evaluate(), 1), 1e-12);

        AvaEvaluator tpFirst = evaluator(AvaProtocol.OFFICIAL, Set.of());
        tpFirst.addGroundTruth(new AvaGroundTruthRow(K1, A, 1, 0));
        tpFirst.addDetection(det(K1, A, 1, 0.5)); // TP first -> ranked second
        tpFirst.addDetection(det(K2, A, 1, 0.5)); // FP
        assertEquals(0.5, ap(tpFirst.evaluate(), 1), 1e-12);
    }

    @Test
    void slowfastProtocolMatchesInFileOrderWithinAKeyframe() {
        // within one keyframe the lower-scored detection comes first in the file and claims the GT under SlowFast's copy
        AvaEvaluator official = evaluator(AvaProtocol.OFFICIAL, Set.of());
        AvaEvaluator slowfast = evaluator(AvaProtocol.SLOWFAST, Set.of());
        for (AvaEvaluator e : new AvaEvaluator[] {official, slowfast}) {
            e.addGroundTruth(new AvaGroundTruthRow(K1, A, 1, 0));
            e.addDetection(det(K1, A, 1, 0.3));
            e.addDetection(det(K1, A, 1, 0.9));
        }
        assertEquals(1.0, ap(official.evaluate(), 1), 1e-12, "0.9 is TP, 0.3 FP");
        assertEquals(0.5, ap(slowfast.evaluate(), 1), 1e-12, "0.3 is TP, 0.9 FP");
    }

    @Test
    void keyframeMatchingForDisplays() {
        var gt = List.of(new KeyframeMatching.GroundTruth(A, 1), new KeyframeMatching.GroundTruth(B, 1));
        var dets = List.of(new KeyframeMatching.Detection(A, 1, 0.4), new KeyframeMatching.Detection(A, 1, 0.9),
                new KeyframeMatching.Detection(B, 2, 0.9));
        KeyframeMatching.Result m = KeyframeMatching.match(gt, dets);
        assertFalse(m.truePositive()[0], "the lower-scored duplicate is FP");
        assertTrue(m.truePositive()[1]);
        assertFalse(m.truePositive()[2], "wrong class");
        assertEquals(List.of(1), m.missedGroundTruth());
    }
}
