package io.x3dava.eval.ava;

/**
 * TP/FP labelling of one class in one keyframe, as per_image_evaluation._compute_tp_fp_for_single_class: each detection
 * (in the given order) looks only at its highest-IoU ground-truth box (first one on ties, like np.argmax) and is a true
 * positive only if that IoU reaches the threshold and the box is still unclaimed.
 */
final class ClassMatcher {
    private ClassMatcher() {}

    static void match(RowTable det, int[] detRows, int nd, RowTable gt, int[] gtRows, int ng, double threshold,
            boolean[] tpOut, boolean[] gtClaimed) {
        match(det, detRows, 0, nd, gt, gtRows, 0, ng, threshold, tpOut, gtClaimed);
    }

    /** Detections {@code detRows[detOff .. detOff+nd)}, ground truth {@code gtRows[gtOff .. gtOff+ng)}. */
    static void match(RowTable det, int[] detRows, int detOff, int nd, RowTable gt, int[] gtRows, int gtOff, int ng,
            double threshold, boolean[] tpOut, boolean[] gtClaimed) {
        for (int g = 0; g < ng; g++) {
            gtClaimed[g] = false;
        }
        for (int i = 0; i < nd; i++) {
            tpOut[i] = false;
            if (ng == 0) {
                continue;
            }
            int row = detRows[detOff + i];
            int best = 0;
            double bestIou = det.iou(row, gt, gtRows[gtOff]);
            for (int g = 1; g < ng; g++) {
                double iou = det.iou(row, gt, gtRows[gtOff + g]);
                if (iou > bestIou) {
                    bestIou = iou;
                    best = g;
                }
            }
            if (bestIou >= threshold && !gtClaimed[best]) {
                tpOut[i] = true;
                gtClaimed[best] = true;
            }
        }
    }
}
