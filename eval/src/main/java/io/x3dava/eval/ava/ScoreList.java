package io.x3dava.eval.ava;

import java.util.Arrays;

/** The scores and TP/FP flags one class collects across keyframes, in the order the official code concatenates them. */
final class ScoreList {
    double[] scores = new double[16];
    boolean[] tp = new boolean[16];
    int size;

    void add(double score, boolean truePositive) {
        if (size == scores.length) {
            scores = Arrays.copyOf(scores, size * 2);
            tp = Arrays.copyOf(tp, size * 2);
        }
        scores[size] = score;
        tp[size] = truePositive;
        size++;
    }

    /**
     * VOC all-point interpolated AP (metrics.compute_precision_recall + compute_average_precision): order by
     * np.argsort(scores)[::-1], cumulative precision/recall, precision made monotone from the right, summed over
     * recall steps. No detections gives 0.
     */
    double averagePrecision(int numGroundTruth) {
        if (size == 0) {
            return 0.0;
        }
        int[] asc = NumpyArgsort.argsort(Arrays.copyOf(scores, size));
        double[] precision = new double[size + 2];
        double[] recall = new double[size + 2];
        long cumTp = 0;
        long cumFp = 0;
        for (int k = 0; k < size; k++) {
            if (tp[asc[size - 1 - k]]) {
                cumTp++;
            } else {
                cumFp++;
            }
            precision[k + 1] = (double) cumTp / (double) (cumTp + cumFp);
            recall[k + 1] = (double) cumTp / (double) numGroundTruth;
        }
        recall[size + 1] = 1.0;
        for (int i = size; i >= 0; i--) {
            precision[i] = Math.max(precision[i], precision[i + 1]);
        }
        double ap = 0.0;
        for (int i = 1; i < size + 2; i++) {
            if (recall[i] != recall[i - 1]) {
                ap += (recall[i] - recall[i - 1]) * precision[i];
            }
        }
        return ap;
    }
}
