package io.x3dava.eval.ava;

import java.util.Arrays;

/** The scores and TP/FP flags one class collects across keyframes, in the order the official code concatenates them. */
final class ScoreList {
    double[] scores = new double[16];
    boolean[] tp = new boolean[16];
    int size;

    /** AP under the protocol's ranking, and the lowest and highest AP over all orders of tied scores. */
    record Ranked(double ap, double apLowest, double apHighest, int mixedTieDetections) {}

    void add(double score, boolean truePositive) {
        if (size == scores.length) {
            scores = Arrays.copyOf(scores, size + (size >> 1));
            tp = Arrays.copyOf(tp, scores.length);
        }
        scores[size] = score;
        tp[size] = truePositive;
        size++;
    }

    /**
     * Ranks the detections by decreasing score: np.argsort(scores)[::-1] as metrics.compute_precision_recall does
     * (numpy's unstable introsort decides the order of ties), or a stable sort (ties in concatenation order).
     *
     * <p>The tie band: tied scores form contiguous groups in any such ranking, and the AP depends on the order inside a
     * group only through where its TPs sit. Putting a group's TPs first raises the precision at every rank of the
     * group and leaves all other ranks unchanged, so (the interpolated precision being a maximum over later ranks) it
     * maximises AP, and TPs last minimises it, for all groups at once. This treats each detection's TP/FP label as
     * given: the label can swap between two tied detections of one keyframe that share their best ground-truth box,
     * but the number of TPs in the group cannot change (that box goes to exactly one of them), and the band only
     * depends on that number.
     */
    Ranked rank(int numGroundTruth, boolean stable) {
        if (size == 0) {
            return new Ranked(0.0, 0.0, 0.0, 0);
        }
        int[] order = new int[size];
        if (stable) {
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            double[] s = scores;
            IntSort.sort(order, size, (a, b) -> s[a] > s[b] ? -1 : s[a] < s[b] ? 1 : 0);
        } else {
            int[] asc = NumpyArgsort.argsort(Arrays.copyOf(scores, size));
            for (int k = 0; k < size; k++) {
                order[k] = asc[size - 1 - k];
            }
        }
        boolean[] ranked = new boolean[size];
        boolean[] best = new boolean[size];
        boolean[] worst = new boolean[size];
        int mixed = 0;
        int g = 0;
        while (g < size) {
            double s = scores[order[g]];
            int e = g;
            int tps = 0;
            while (e < size && scores[order[e]] == s) {
                ranked[e] = tp[order[e]];
                tps += ranked[e] ? 1 : 0;
                e++;
            }
            for (int k = g; k < e; k++) {
                best[k] = k - g < tps;
                worst[k] = e - k <= tps;
            }
            if (tps > 0 && tps < e - g) {
                mixed += e - g;
            }
            g = e;
        }
        return new Ranked(averagePrecision(ranked, numGroundTruth), averagePrecision(worst, numGroundTruth),
                averagePrecision(best, numGroundTruth), mixed);
    }

    /**
     * VOC all-point interpolated AP of a ranked TP/FP list (metrics.compute_precision_recall +
     * compute_average_precision): cumulative precision/recall, precision made monotone from the right, summed over
     * recall steps with numpy's summation.
     */
    static double averagePrecision(boolean[] ranked, int numGroundTruth) {
        int n = ranked.length;
        double[] precision = new double[n + 2];
        double[] recall = new double[n + 2];
        long cumTp = 0;
        long cumFp = 0;
        for (int k = 0; k < n; k++) {
            if (ranked[k]) {
                cumTp++;
            } else {
                cumFp++;
            }
            precision[k + 1] = (double) cumTp / (double) (cumTp + cumFp);
            recall[k + 1] = (double) cumTp / (double) numGroundTruth;
        }
        recall[n + 1] = 1.0;
        for (int i = n; i >= 0; i--) {
            precision[i] = Math.max(precision[i], precision[i + 1]);
        }
        double[] terms = new double[n + 1];
        int m = 0;
        for (int i = 1; i < n + 2; i++) {
            if (recall[i] != recall[i - 1]) {
                terms[m++] = (recall[i] - recall[i - 1]) * precision[i];
            }
        }
        return NumpySum.sum(terms, m);
    }
}
