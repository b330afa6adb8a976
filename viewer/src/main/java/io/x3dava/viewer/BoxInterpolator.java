package io.x3dava.viewer;

import io.x3dava.annotations.ava.AvaBox;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Moves boxes between two consecutive keyframes: boxes are paired greedily by decreasing IoU (detections with
 * detections, ground truth with ground truth), a pair moves linearly and takes its labels from the nearer keyframe;
 * a box without a partner stays until the midpoint (from the earlier keyframe) or appears after it (from the later).
 */
public final class BoxInterpolator {
    /**
     * Below this IoU two boxes one second apart are taken to be different people (low: people walk; greedy pairing by
     * highest IoU keeps neighbours apart).
     */
    public static final double DEFAULT_MIN_IOU = 0.1;

    private final double minIou;

    public BoxInterpolator(double minIou) {
        this.minIou = minIou;
    }

    public BoxInterpolator() {
        this(DEFAULT_MIN_IOU);
    }

    private record Pair(int a, int b, double iou) {}

    /** Boxes at fraction {@code f} in [0,1] of the way from {@code from} to {@code to}. */
    public List<DrawnBox> interpolate(List<DrawnBox> from, List<DrawnBox> to, double f) {
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < from.size(); i++) {
            for (int j = 0; j < to.size(); j++) {
                if (from.get(i).style().isGroundTruth() != to.get(j).style().isGroundTruth()) {
                    continue;
                }
                double iou = from.get(i).box().iou(to.get(j).box());
                if (iou >= minIou) {
                    pairs.add(new Pair(i, j, iou));
                }
            }
        }
        pairs.sort(Comparator.comparingDouble(Pair::iou).reversed());
        int[] partner = new int[from.size()];
        java.util.Arrays.fill(partner, -1);
        boolean[] taken = new boolean[to.size()];
        for (Pair p : pairs) {
            if (partner[p.a()] < 0 && !taken[p.b()]) {
                partner[p.a()] = p.b();
                taken[p.b()] = true;
            }
        }
        boolean firstHalf = f < 0.5;
        List<DrawnBox> out = new ArrayList<>();
        for (int i = 0; i < from.size(); i++) {
            if (partner[i] >= 0) {
                DrawnBox near = firstHalf ? from.get(i) : to.get(partner[i]);
                out.add(near.withBox(lerp(from.get(i).box(), to.get(partner[i]).box(), f)));
            } else if (firstHalf) {
                out.add(from.get(i));
            }
        }
        if (!firstHalf) {
            for (int j = 0; j < to.size(); j++) {
                if (!taken[j]) {
                    out.add(to.get(j));
                }
            }
        }
        return out;
    }

    static AvaBox lerp(AvaBox a, AvaBox b, double f) {
        return new AvaBox(a.x1() + (b.x1() - a.x1()) * f, a.y1() + (b.y1() - a.y1()) * f,
                a.x2() + (b.x2() - a.x2()) * f, a.y2() + (b.y2() - a.y2()) * f);
    }
}
