package io.x3dava.eval.charades;

import java.util.Arrays;
import java.util.Comparator;

/** Per-class AP over videos and their mean, for multi-label video classification (Charades). */
public final class CharadesMap {
    private CharadesMap() {}

    /** Per-class AP and the mean; AP is NaN for classes with no positive video (left out of the mean). */
    public record Result(double meanAp, double[] perClassAp, CharadesMapDefinition definition) {}

    /**
     * @param scores [videos][classes] video-level scores (e.g. max over clips)
     * @param labels [videos][classes] ground truth
     */
    public static Result compute(float[][] scores, boolean[][] labels, CharadesMapDefinition definition) {
        if (scores.length != labels.length) {
            throw new IllegalArgumentException("scores have " + scores.length + " videos, labels " + labels.length);
        }
        if (scores.length == 0) {
            throw new IllegalArgumentException("no videos to evaluate");
        }
        int classes = scores[0].length;
        double[] ap = new double[classes];
        double sum = 0;
        int counted = 0;
        for (int c = 0; c < classes; c++) {
            double[] s = new double[scores.length];
            boolean[] y = new boolean[scores.length];
            for (int v = 0; v < scores.length; v++) {
                if (scores[v].length != classes || labels[v].length != classes) {
                    throw new IllegalArgumentException("video " + v + " has a different number of classes");
                }
                s[v] = scores[v][c];
                y[v] = labels[v][c];
            }
            ap[c] = definition == CharadesMapDefinition.SLOWFAST ? sklearnAp(s, y) : thumosAp(s, y);
            if (!Double.isNaN(ap[c])) {
                sum += ap[c];
                counted++;
            }
        }
        return new Result(counted == 0 ? Double.NaN : sum / counted, ap, definition);
    }

    private static Integer[] byDecreasingScore(double[] s) {
        Integer[] order = new Integer[s.length];
        for (int i = 0; i < s.length; i++) {
            order[i] = i;
        }
        // stable, like MATLAB's sort(-conf) and a stable argsort
        Arrays.sort(order, Comparator.comparingDouble(i -> -s[i]));
        return order;
    }

    /** sklearn average_precision_score: sum over distinct thresholds of (R_k - R_{k-1}) * P_k. */
    static double sklearnAp(double[] s, boolean[] y) {
        int positives = 0;
        for (boolean b : y) {
            positives += b ? 1 : 0;
        }
        if (positives == 0) {
            return Double.NaN;
        }
        Integer[] order = byDecreasingScore(s);
        double ap = 0;
        double prevRecall = 0;
        int tp = 0;
        int fp = 0;
        for (int k = 0; k < order.length; k++) {
            if (y[order[k]]) {
                tp++;
            } else {
                fp++;
            }
            boolean lastOfTie = k == order.length - 1 || s[order[k + 1]] != s[order[k]];
            if (lastOfTie) {
                double recall = (double) tp / positives;
                double precision = (double) tp / (tp + fp);
                ap += (recall - prevRecall) * precision;
                prevRecall = recall;
            }
        }
        return ap;
    }

    /** Charades_v1_classify.m: mean precision at the rank of each positive, no interpolation. */
    static double thumosAp(double[] s, boolean[] y) {
        Integer[] order = byDecreasingScore(s);
        int positives = 0;
        int tp = 0;
        double sum = 0;
        for (int k = 0; k < order.length; k++) {
            if (y[order[k]]) {
                tp++;
                positives++;
                sum += (double) tp / (k + 1);
            }
        }
        return positives == 0 ? Double.NaN : sum / positives;
    }
}
