package io.x3dava.eval.ava;

import io.x3dava.annotations.ava.AvaBox;

import java.util.ArrayList;
import java.util.List;

/**
 * TP / FP / missed for the boxes of one keyframe, with the evaluator's rules (per class, detections by decreasing score,
 * highest-IoU ground truth only, each ground-truth box claimed once, IoU >= 0.5, boxes with no area ignored).
 * For displays such as the viewer; the mAP itself comes from {@link AvaEvaluator}.
 */
public final class KeyframeMatching {
    private KeyframeMatching() {}

    /** A detection of one class. */
    public record Detection(AvaBox box, int actionId, double score) {}

    /** A ground-truth box with one action. */
    public record GroundTruth(AvaBox box, int actionId) {}

    /** Verdict per input index: {@code truePositive[i]} for detection i, {@code matched[j]} for ground truth j. */
    public record Result(boolean[] truePositive, boolean[] valid, boolean[] matched) {
        public List<Integer> missedGroundTruth() {
            List<Integer> out = new ArrayList<>();
            for (int j = 0; j < matched.length; j++) {
                if (!matched[j]) {
                    out.add(j);
                }
            }
            return out;
        }
    }

    public static Result match(List<GroundTruth> groundTruth, List<Detection> detections) {
        RowTable gt = new RowTable();
        for (GroundTruth g : groundTruth) {
            gt.add(1.0, g.actionId(), g.box().y1(), g.box().x1(), g.box().y2(), g.box().x2());
        }
        RowTable det = new RowTable();
        for (Detection d : detections) {
            det.add(d.score(), d.actionId(), d.box().y1(), d.box().x1(), d.box().y2(), d.box().x2());
        }
        int nd = detections.size();
        int ng = groundTruth.size();
        boolean[] tpOut = new boolean[nd];
        boolean[] valid = new boolean[nd];
        boolean[] matched = new boolean[ng];
        // stable order by decreasing score, as the evaluator sees a keyframe
        Integer[] order = new Integer[nd];
        for (int i = 0; i < nd; i++) {
            order[i] = i;
            valid[i] = det.valid(i);
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(-det.score[a] + 0.0, -det.score[b] + 0.0));
        java.util.Set<Integer> classes = new java.util.TreeSet<>();
        for (Detection d : detections) {
            classes.add(d.actionId());
        }
        for (int c : classes) {
            int[] dRows = new int[nd];
            int k = 0;
            for (int i : order) {
                if (det.action[i] == c && valid[i]) {
                    dRows[k++] = i;
                }
            }
            int[] gRows = new int[ng];
            int m = 0;
            for (int j = 0; j < ng; j++) {
                if (gt.action[j] == c) {
                    gRows[m++] = j;
                }
            }
            boolean[] tp = new boolean[k];
            boolean[] claimed = new boolean[m];
            ClassMatcher.match(det, dRows, k, gt, gRows, m, AvaEvaluator.IOU_THRESHOLD, tp, claimed);
            for (int i = 0; i < k; i++) {
                tpOut[dRows[i]] = tp[i];
            }
            for (int j = 0; j < m; j++) {
                matched[gRows[j]] = claimed[j];
            }
        }
        return new Result(tpOut, valid, matched);
    }
}
