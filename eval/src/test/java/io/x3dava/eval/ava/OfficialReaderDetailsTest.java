package io.x3dava.eval.ava;

import static io.x3dava.eval.ava.AvaRulesTest.A;
import static io.x3dava.eval.ava.AvaRulesTest.K1;
import static io.x3dava.eval.ava.AvaRulesTest.K2;
import static io.x3dava.eval.ava.AvaRulesTest.ap;
import static io.x3dava.eval.ava.AvaRulesTest.det;
import static io.x3dava.eval.ava.AvaRulesTest.evaluator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.x3dava.annotations.ava.AvaBox;
import io.x3dava.annotations.ava.AvaGroundTruthRow;
import io.x3dava.annotations.ava.Keyframe;

import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Details of the official reader found by mutation testing: once a keyframe holds 50 rows, a row of a higher score
 * replaces the smallest (score, action, y1, x1, y2, x2) tuple of heapq's heap, so with equal scores and actions the
 * box coordinates decide which row goes, in that order; numpy's pairwise
 * sum above 128 elements; the warnings for files that do not belong together.
 */
class OfficialReaderDetailsTest {

    /**
     * 50 rows of equal score and action fill a keyframe's heap, then a row of a higher score replaces the smallest
     * tuple. The true positive A differs from the 49 false positives first in coordinate {@code k} (0 = y1, 1 = x1,
     * 2 = y2, 3 = x2), where it is the smallest tuple (replaced) or the largest (kept).
     */
    private static double apWithTiedRows(int k, boolean tpSmallest) {
        AvaEvaluator e = evaluator(AvaProtocol.OFFICIAL, Set.of());
        e.addGroundTruth(new AvaGroundTruthRow(K1, A, 1, 0)); // A = (x1 0.1, y1 0.1, x2 0.3, y2 0.5)
        IntFunction<AvaBox> fp = switch (k) {
            // boxes disjoint from A or with IoU < 0.5, whose coordinate k is above (or below) A's, earlier ones equal
            case 0 -> i -> tpSmallest ? new AvaBox(0.6, 0.11 + i * 0.001, 0.9, 0.6 + i * 0.001)
                    : new AvaBox(0.6, 0.01 + i * 0.001, 0.9, 0.6);
            case 1 -> i -> tpSmallest ? new AvaBox(0.5 + i * 0.001, 0.1, 0.9, 0.5)
                    : new AvaBox(0.001 + i * 0.001, 0.1, 0.06 + i * 0.0001, 0.5);
            case 2 -> i -> tpSmallest ? new AvaBox(0.1, 0.1, 0.11, 0.6 + i * 0.005)
                    : new AvaBox(0.1, 0.1, 0.9, 0.2 + i * 0.001);
            default -> i -> tpSmallest ? new AvaBox(0.1, 0.1, 0.8 + i * 0.001, 0.5)
                    : new AvaBox(0.1, 0.1, 0.11 + i * 0.001, 0.5);
        };
        e.addDetection(det(K1, A, 1, 0.5));
        for (int i = 0; i < 49; i++) {
            AvaBox b = fp.apply(i);
            assertTrue(b.iou(A) < 0.5, b + " must be a false positive");
            e.addDetection(det(K1, b, 1, 0.5));
        }
        // the heap is full (50 rows); a higher score replaces its smallest tuple (heapq.heapreplace)
        e.addDetection(det(K1, AvaRulesTest.B, 1, 0.9));
        AvaEvaluationResult r = e.evaluate();
        assertEquals(50, r.detectionsEvaluated());
        return ap(r, 1);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void aHigherScoreReplacesTheSmallestTupleOfEqualScores(int coordinate) {
        assertEquals(0.0, apWithTiedRows(coordinate, true), 0.0, "the smallest tuple is replaced");
        assertTrue(apWithTiedRows(coordinate, false) > 0, "the largest tuple is kept");
    }

    @Test
    void pairwiseSumAsNumpyAbove128Elements() {
        double[] a = new double[1000];
        for (int i = 0; i < a.length; i++) {
            a[i] = (i % 2 == 0 ? 1.0 : -1.0) / (i + 1) + 1e-3 * i;
        }
        // numpy 1.24.2: np.sum(a), np.sum(a[:300]), np.sum(a[:129]) (a plain loop gives 500.19264743056004)
        assertEquals(500.1926474305599, NumpySum.sum(a, 1000), 0.0);
        assertEquals(45.541483291655624, NumpySum.sum(a, 300), 0.0);
        assertEquals(8.9530081268679, NumpySum.sum(a, 129), 0.0);
    }

    @Test
    void warnsWhenNoVideoMatchesOrMostKeyframesHaveNoDetection() {
        AvaEvaluator other = evaluator(AvaProtocol.OFFICIAL, Set.of());
        other.addGroundTruth(new AvaGroundTruthRow(K1, A, 1, 0));
        other.addDetection(det(new Keyframe("another", 902), A, 1, 0.9));
        List<String> w = other.evaluate().warnings();
        assertEquals(1, w.size(), w.toString());
        assertTrue(w.get(0).startsWith("no detection video id matches"), w.get(0));

        AvaEvaluator sparse = evaluator(AvaProtocol.OFFICIAL, Set.of());
        for (int t = 0; t < 3; t++) {
            sparse.addGroundTruth(new AvaGroundTruthRow(new Keyframe("vid", 902 + t), A, 1, 0));
        }
        sparse.addDetection(det(K1, A, 1, 0.9));
        w = sparse.evaluate().warnings();
        assertEquals(List.of("only 1 of 3 ground-truth keyframes (33.3%) have any detection: the others count as "
                + "missed; is the detection file complete?"), w);

        AvaEvaluator half = evaluator(AvaProtocol.OFFICIAL, Set.of());
        for (int t = 0; t < 2; t++) {
            half.addGroundTruth(new AvaGroundTruthRow(new Keyframe("vid", 902 + t), A, 1, 0));
        }
        half.addDetection(det(K1, A, 1, 0.9));
        assertEquals(List.of(), half.evaluate().warnings(), "half of the keyframes covered: no warning");

        AvaEvaluator twoOfFive = evaluator(AvaProtocol.OFFICIAL, Set.of());
        for (int t = 0; t < 5; t++) {
            twoOfFive.addGroundTruth(new AvaGroundTruthRow(new Keyframe("vid", 902 + t), A, 1, 0));
        }
        twoOfFive.addDetection(det(K1, A, 1, 0.9));
        twoOfFive.addDetection(det(K2, A, 1, 0.9));
        assertEquals(List.of("only 2 of 5 ground-truth keyframes (40.0%) have any detection: the others count as "
                + "missed; is the detection file complete?"), twoOfFive.evaluate().warnings());
    }

    @Test
    void warnsWhenNoDetectionHasAClassOfTheLabelMap() {
        AvaEvaluator unknown = evaluator(AvaProtocol.OFFICIAL, Set.of());
        unknown.addGroundTruth(new AvaGroundTruthRow(K1, A, 1, 0));
        unknown.addDetection(det(K1, A, 999, 0.9));
        unknown.addDetection(det(K2, A, 998, 0.8));
        assertEquals(List.of("none of the 2 detection rows has an action of the label map: every class scores 0 (is "
                + "it the right label map?)"), unknown.evaluate().warnings());

        AvaEvaluator none = evaluator(AvaProtocol.OFFICIAL, Set.of());
        none.addGroundTruth(new AvaGroundTruthRow(K1, A, 1, 0));
        assertEquals(List.of(), none.evaluate().warnings(), "no detection rows at all: nothing to say about classes");
    }
}
