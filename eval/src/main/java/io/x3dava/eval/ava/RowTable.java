package io.x3dava.eval.ava;

import java.util.Arrays;

/**
 * Columnar storage of boxes as the evaluator sees them: (score, action, y1, x1, y2, x2) tuples, the order the official
 * code compares them in. Primitive arrays so that millions of rows cost little memory and no boxing.
 */
final class RowTable {
    double[] score = new double[1024];
    int[] action = new int[1024];
    double[] y1 = new double[1024];
    double[] x1 = new double[1024];
    double[] y2 = new double[1024];
    double[] x2 = new double[1024];
    int size;

    int add(double s, int a, double yy1, double xx1, double yy2, double xx2) {
        if (size == score.length) {
            int n = size * 2;
            score = Arrays.copyOf(score, n);
            action = Arrays.copyOf(action, n);
            y1 = Arrays.copyOf(y1, n);
            x1 = Arrays.copyOf(x1, n);
            y2 = Arrays.copyOf(y2, n);
            x2 = Arrays.copyOf(x2, n);
        }
        score[size] = s;
        action[size] = a;
        y1[size] = yy1;
        x1[size] = xx1;
        y2[size] = yy2;
        x2[size] = xx2;
        return size++;
    }

    /** Python tuple order on (score, action, y1, x1, y2, x2). */
    boolean tupleLess(int i, int j) {
        if (score[i] != score[j]) {
            return score[i] < score[j];
        }
        if (action[i] != action[j]) {
            return action[i] < action[j];
        }
        if (y1[i] != y1[j]) {
            return y1[i] < y1[j];
        }
        if (x1[i] != x1[j]) {
            return x1[i] < x1[j];
        }
        if (y2[i] != y2[j]) {
            return y2[i] < y2[j];
        }
        return x2[i] < x2[j];
    }

    /** IoU as np_box_ops.iou: no +1, 0 for an empty union. */
    double iou(int i, RowTable o, int j) {
        double ih = Math.max(0.0, Math.min(y2[i], o.y2[j]) - Math.max(y1[i], o.y1[j]));
        double iw = Math.max(0.0, Math.min(x2[i], o.x2[j]) - Math.max(x1[i], o.x1[j]));
        double inter = ih * iw;
        double areaI = (y2[i] - y1[i]) * (x2[i] - x1[i]);
        double areaJ = (o.y2[j] - o.y1[j]) * (o.x2[j] - o.x1[j]);
        double union = areaI + areaJ - inter;
        return union > 0 ? inter / union : 0.0;
    }
}
