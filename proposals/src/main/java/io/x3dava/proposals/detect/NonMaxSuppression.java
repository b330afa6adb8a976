package io.x3dava.proposals.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Greedy non-maximum suppression: keep the best box, drop every box overlapping it more than the IoU limit, repeat. */
public final class NonMaxSuppression {
    private NonMaxSuppression() {
    }

    public static List<PersonHit> apply(List<PersonHit> hits, double iouLimit) {
        List<PersonHit> sorted = new ArrayList<>(hits);
        sorted.sort(Comparator.comparingDouble(PersonHit::score).reversed());
        List<PersonHit> kept = new ArrayList<>();
        for (PersonHit h : sorted) {
            boolean overlaps = false;
            for (PersonHit k : kept) {
                if (k.box().iou(h.box()) > iouLimit) {
                    overlaps = true;
                    break;
                }
            }
            if (!overlaps) {
                kept.add(h);
            }
        }
        return kept;
    }
}
