package io.x3dava.eval.kinetics;

/**
 * Top-1 / top-5 accuracy, per-class (top-1) accuracy and confusion counts for single-label classification
 * (Kinetics). A clip is top-k correct when fewer than k classes score strictly higher than its true class.
 */
public record ClassificationMetrics(double top1, double top5, double[] perClassAccuracy, long[][] confusion, int clips) {

    public static ClassificationMetrics compute(float[][] scores, int[] labels) {
        if (scores.length != labels.length) {
            throw new IllegalArgumentException("scores have " + scores.length + " clips, labels " + labels.length);
        }
        if (scores.length == 0) {
            throw new IllegalArgumentException("no clips to evaluate");
        }
        int classes = scores[0].length;
        long[][] confusion = new long[classes][classes];
        long top1 = 0;
        long top5 = 0;
        for (int i = 0; i < scores.length; i++) {
            float[] s = scores[i];
            int y = labels[i];
            if (s.length != classes) {
                throw new IllegalArgumentException("clip " + i + " has " + s.length + " scores, expected " + classes);
            }
            if (y < 0 || y >= classes) {
                throw new IllegalArgumentException("clip " + i + " has label " + y + " outside 0.." + (classes - 1));
            }
            int higher = 0;
            int argmax = 0;
            for (int c = 0; c < classes; c++) {
                if (s[c] > s[y]) {
                    higher++;
                }
                if (s[c] > s[argmax]) {
                    argmax = c;
                }
            }
            top1 += higher < 1 ? 1 : 0;
            top5 += higher < 5 ? 1 : 0;
            // ties for the prediction go to the true class when it is among the maxima (consistent with top-1)
            confusion[y][higher == 0 ? y : argmax]++;
        }
        double[] perClass = new double[classes];
        for (int c = 0; c < classes; c++) {
            long total = 0;
            for (long v : confusion[c]) {
                total += v;
            }
            perClass[c] = total == 0 ? Double.NaN : (double) confusion[c][c] / total;
        }
        return new ClassificationMetrics((double) top1 / scores.length, (double) top5 / scores.length, perClass,
                confusion, scores.length);
    }
}
