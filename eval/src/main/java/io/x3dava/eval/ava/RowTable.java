package io.x3dava.eval.ava;

import java.util.Arrays;

/**
 * Columnar storage of boxes as the evaluator sees them: (score, action, y1, x1, y2, x2) tuples, the order the official
 * code compares them in, plus each row's position in the file. Primitive arrays, and a box shared by consecutive rows
 * (a detector writes one row per class for the same box) is stored once, so that millions of rows cost little memory.
 */
final class RowTable {
    double[] score = new double[1024];
    int[] action = new int[1024];
    int[] box = new int[1024];
    /** File order of the row (ties broken by it under {@link AvaProtocol#STABLE}). */
    int[] seq = new int[1024];
    int size;

    private double[] by1 = new double[256];
    private double[] bx1 = new double[256];
    private double[] by2 = new double[256];
    private double[] bx2 = new double[256];
    private int boxes;

    int add(double s, int a, double yy1, double xx1, double yy2, double xx2) {
        return add(s, a, yy1, xx1, yy2, xx2, size);
    }

    int add(double s, int a, double yy1, double xx1, double yy2, double xx2, int order) {
        if (size == score.length) {
            int n = size + (size >> 1);
            score = Arrays.copyOf(score, n);
            action = Arrays.copyOf(action, n);
            box = Arrays.copyOf(box, n);
            seq = Arrays.copyOf(seq, n);
        }
        set(size, s, a, yy1, xx1, yy2, xx2, order);
        return size++;
    }

    /** Overwrites a row (the official heap's replaced entry reuses its slot). */
    void set(int row, double s, int a, double yy1, double xx1, double yy2, double xx2, int order) {
        score[row] = s;
        action[row] = a;
        box[row] = boxOf(yy1, xx1, yy2, xx2);
        seq[row] = order;
    }

    private int boxOf(double yy1, double xx1, double yy2, double xx2) {
        int last = boxes - 1;
        if (last >= 0 && by1[last] == yy1 && bx1[last] == xx1 && by2[last] == yy2 && bx2[last] == xx2) {
            return last;
        }
        if (boxes == by1.length) {
            int n = boxes * 2;
            by1 = Arrays.copyOf(by1, n);
            bx1 = Arrays.copyOf(bx1, n);
            by2 = Arrays.copyOf(by2, n);
            bx2 = Arrays.copyOf(bx2, n);
        }
        by1[boxes] = yy1;
        bx1[boxes] = xx1;
        by2[boxes] = yy2;
        bx2[boxes] = xx2;
        return boxes++;
    }

    double y1(int row) {
        return by1[box[row]];
    }

    double x1(int row) {
        return bx1[box[row]];
    }

    double y2(int row) {
        return by2[box[row]];
    }

    double x2(int row) {
        return bx2[box[row]];
    }

    /** per_image_evaluation._remove_invalid_boxes keeps ymin < ymax and xmin < xmax, strictly. */
    boolean valid(int row) {
        int b = box[row];
        return by1[b] < by2[b] && bx1[b] < bx2[b];
    }

    /** Python tuple order on (score, action, y1, x1, y2, x2). */
    boolean tupleLess(int i, int j) {
        if (score[i] != score[j]) {
            return score[i] < score[j];
        }
        if (action[i] != action[j]) {
            return action[i] < action[j];
        }
        int bi = box[i];
        int bj = box[j];
        if (by1[bi] != by1[bj]) {
            return by1[bi] < by1[bj];
        }
        if (bx1[bi] != bx1[bj]) {
            return bx1[bi] < bx1[bj];
        }
        if (by2[bi] != by2[bj]) {
            return by2[bi] < by2[bj];
        }
        return bx2[bi] < bx2[bj];
    }

    /** IoU as np_box_ops.iou: no +1, 0 for an empty union. */
    double iou(int i, RowTable o, int j) {
        int bi = box[i];
        int bj = o.box[j];
        double ih = Math.max(0.0, Math.min(by2[bi], o.by2[bj]) - Math.max(by1[bi], o.by1[bj]));
        double iw = Math.max(0.0, Math.min(bx2[bi], o.bx2[bj]) - Math.max(bx1[bi], o.bx1[bj]));
        double inter = ih * iw;
        double areaI = (by2[bi] - by1[bi]) * (bx2[bi] - bx1[bi]);
        double areaJ = (o.by2[bj] - o.by1[bj]) * (o.bx2[bj] - o.bx1[bj]);
        double union = areaI + areaJ - inter;
        return union > 0 ? inter / union : 0.0;
    }
}
