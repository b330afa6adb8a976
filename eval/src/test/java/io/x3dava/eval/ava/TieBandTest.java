package io.x3dava.eval.ava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.x3dava.annotations.ava.AvaBox;
import io.x3dava.annotations.ava.AvaDetectionRow;
import io.x3dava.annotations.ava.AvaGroundTruthRow;
import io.x3dava.annotations.ava.Keyframe;
import io.x3dava.annotations.ava.LabelMap;
import io.x3dava.annotations.ava.LabelMapEntry;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * The closed-form tie band against brute force: every order of the detections (independently for the per-keyframe
 * matching and for the per-class ranking, as numpy's argsort is independent of the reader's order) on small random
 * inputs with many ties and detections competing for the same ground-truth box.
 */
class TieBandTest {
    static final Keyframe[] KF = {new Keyframe("v", 902), new Keyframe("v", 903)};
    static final AvaBox[] BOXES = {new AvaBox(0.1, 0.1, 0.4, 0.5), new AvaBox(0.12, 0.1, 0.42, 0.5),
        new AvaBox(0.5, 0.5, 0.9, 0.9), new AvaBox(0.1, 0.6, 0.3, 0.9)};

    record Det(int kf, int box, int action, double score) {}

    record Gt(int kf, int box, int action) {}

    /** Reference AP of a ranked TP list (VOC all-point interpolation, written out plainly). */
    static double ap(List<Boolean> ranked, int numGt) {
        int n = ranked.size();
        double[] p = new double[n];
        double[] rec = new double[n];
        int tp = 0;
        for (int i = 0; i < n; i++) {
            tp += ranked.get(i) ? 1 : 0;
            p[i] = (double) tp / (i + 1);
            rec[i] = (double) tp / numGt;
        }
        double sum = 0;
        double prev = 0;
        for (int i = 0; i < n; i++) {
            if (rec[i] != prev) {
                double best = 0;
                for (int j = i; j < n; j++) {
                    best = Math.max(best, p[j]);
                }
                sum += (rec[i] - prev) * best;
                prev = rec[i];
            }
        }
        return sum;
    }

    /** mAP for one order used to break ties in matching and one in ranking (permutations of detection indices). */
    static double map(List<Det> dets, List<Gt> gts, int[] matchRank, int[] rankRank, int classes) {
        double total = 0;
        int counted = 0;
        for (int c = 1; c <= classes; c++) {
            int numGt = 0;
            for (Gt g : gts) {
                numGt += g.action() == c ? 1 : 0;
            }
            if (numGt == 0) {
                continue;
            }
            boolean[] tp = new boolean[dets.size()];
            for (int k = 0; k < KF.length; k++) {
                List<Integer> order = new ArrayList<>();
                for (int i = 0; i < dets.size(); i++) {
                    if (dets.get(i).kf() == k && dets.get(i).action() == c) {
                        order.add(i);
                    }
                }
                order.sort((a, b) -> dets.get(a).score() != dets.get(b).score()
                        ? Double.compare(dets.get(b).score(), dets.get(a).score())
                        : Integer.compare(matchRank[a], matchRank[b]));
                List<Gt> g = new ArrayList<>();
                for (Gt x : gts) {
                    if (x.kf() == k && x.action() == c) {
                        g.add(x);
                    }
                }
                boolean[] claimed = new boolean[g.size()];
                for (int i : order) {
                    int best = -1;
                    double bestIou = -1;
                    for (int j = 0; j < g.size(); j++) {
                        double iou = BOXES[dets.get(i).box()].iou(BOXES[g.get(j).box()]);
                        if (iou > bestIou) {
                            bestIou = iou;
                            best = j;
                        }
                    }
                    if (best >= 0 && bestIou >= 0.5 && !claimed[best]) {
                        claimed[best] = true;
                        tp[i] = true;
                    }
                }
            }
            List<Integer> ranking = new ArrayList<>();
            for (int i = 0; i < dets.size(); i++) {
                if (dets.get(i).action() == c) {
                    ranking.add(i);
                }
            }
            ranking.sort((a, b) -> dets.get(a).score() != dets.get(b).score()
                    ? Double.compare(dets.get(b).score(), dets.get(a).score())
                    : Integer.compare(rankRank[a], rankRank[b]));
            List<Boolean> ranked = new ArrayList<>();
            for (int i : ranking) {
                ranked.add(tp[i]);
            }
            total += ap(ranked, numGt);
            counted++;
        }
        return total / counted;
    }

    static void permutations(int[] a, int k, List<int[]> out) {
        if (k == a.length) {
            out.add(a.clone());
            return;
        }
        for (int i = k; i < a.length; i++) {
            int t = a[k];
            a[k] = a[i];
            a[i] = t;
            permutations(a, k + 1, out);
            a[i] = a[k];
            a[k] = t;
        }
    }

    @Test
    void bandEqualsBruteForceOverAllTieOrders() {
        Random rnd = new Random(42);
        LabelMap labels = new LabelMap(List.of(new LabelMapEntry(1, "a", null), new LabelMapEntry(2, "b", null)));
        int nonTrivial = 0;
        for (int trial = 0; trial < 60; trial++) {
            List<Gt> gts = new ArrayList<>();
            for (int k = 0; k < KF.length; k++) {
                for (int b = 0; b < 3; b++) {
                    if (rnd.nextInt(2) == 0) {
                        gts.add(new Gt(k, b * 2 % 4, 1 + rnd.nextInt(2)));
                    }
                }
            }
            if (gts.isEmpty()) {
                gts.add(new Gt(0, 0, 1));
            }
            List<Det> dets = new ArrayList<>();
            int n = 4 + rnd.nextInt(2);
            for (int i = 0; i < n; i++) {
                dets.add(new Det(rnd.nextInt(2), rnd.nextInt(4), 1 + rnd.nextInt(2), rnd.nextBoolean() ? 0.5 : 0.7));
            }
            int[] ids = new int[n];
            for (int i = 0; i < n; i++) {
                ids[i] = i;
            }
            List<int[]> perms = new ArrayList<>();
            permutations(ids, 0, perms);
            double lo = Double.MAX_VALUE;
            double hi = -1;
            for (int[] m : perms) {
                for (int[] r : perms) {
                    double v = map(dets, gts, m, r, 2);
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
            AvaEvaluator e = new AvaEvaluator(labels, Set.of(), AvaProtocol.NO_CAP_SORTED);
            for (Gt g : gts) {
                e.addGroundTruth(new AvaGroundTruthRow(KF[g.kf()], BOXES[g.box()], g.action(), 0));
            }
            for (Det d : dets) {
                e.addDetection(new AvaDetectionRow(KF[d.kf()], BOXES[d.box()], d.action(), d.score()));
            }
            AvaEvaluationResult res = e.evaluate();
            assertEquals(lo, res.meanApLowest(), 1e-12, "trial " + trial + " lowest");
            assertEquals(hi, res.meanApHighest(), 1e-12, "trial " + trial + " highest");
            assertTrue(res.meanApLowest() <= res.meanAp() && res.meanAp() <= res.meanApHighest());
            nonTrivial += hi > lo ? 1 : 0;
        }
        assertTrue(nonTrivial >= 10, "only " + nonTrivial + " trials had a band wider than zero");
    }

    @Test
    void stableProtocolRanksTiesInFileOrderAndCapsInFileOrder() {
        LabelMap labels = new LabelMap(List.of(new LabelMapEntry(1, "a", null)));
        // the TP (keyframe 903) comes second in the file: the official numpy order puts it first, stable second
        for (AvaProtocol p : new AvaProtocol[] {AvaProtocol.OFFICIAL, AvaProtocol.STABLE}) {
            AvaEvaluator e = new AvaEvaluator(labels, Set.of(), p);
            e.addGroundTruth(new AvaGroundTruthRow(KF[1], BOXES[0], 1, 0));
            e.addDetection(new AvaDetectionRow(KF[0], BOXES[0], 1, 0.5));
            e.addDetection(new AvaDetectionRow(KF[1], BOXES[0], 1, 0.5));
            AvaEvaluationResult r = e.evaluate();
            assertEquals(p == AvaProtocol.STABLE ? 0.5 : 1.0, r.meanAp(), 1e-15, p.name());
            assertEquals(0.5, r.meanApLowest(), 1e-15);
            assertEquals(1.0, r.meanApHighest(), 1e-15);
            assertEquals(2, r.mixedTieDetections());
        }
        // 51 rows of one keyframe with the same score: the first 50 in the file stay, the 51st (the TP) is cut
        AvaEvaluator e = new AvaEvaluator(labels, Set.of(), AvaProtocol.STABLE);
        e.addGroundTruth(new AvaGroundTruthRow(KF[0], BOXES[2], 1, 0));
        for (int i = 0; i < 50; i++) {
            e.addDetection(new AvaDetectionRow(KF[0], new AvaBox(0.01 * i, 0.0, 0.01 * i + 0.005, 0.1), 1, 0.5));
        }
        e.addDetection(new AvaDetectionRow(KF[0], BOXES[2], 1, 0.5));
        AvaEvaluationResult r = e.evaluate();
        assertEquals(50, r.detectionsEvaluated());
        assertEquals(0.0, r.meanAp(), 0.0);
    }
}
