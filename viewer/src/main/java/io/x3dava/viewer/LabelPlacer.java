package io.x3dava.viewer;

import java.util.ArrayList;
import java.util.List;

/**
 * Puts label blocks where they overlap no other label (nor the legend): preferably just above the box, else inside its
 * top, else below it, left- or right-aligned; failing all six, the free position nearest (L1) to "above". That nearest
 * position has each coordinate either at the preferred one, at the image border or flush with a placed block's edge, so
 * only those candidates are tried (n^2 per label, not a pixel scan: fast enough to redraw on every frame). Greedy, boxes
 * in the order given; only when the image has no free room left does a block overlap.
 */
public final class LabelPlacer {
    private final double imageW;
    private final double imageH;
    private final List<LabelRect> taken;

    public LabelPlacer(double imageW, double imageH, List<LabelRect> obstacles) {
        this.imageW = imageW;
        this.imageH = imageH;
        this.taken = new ArrayList<>(obstacles);
    }

    /** Place a block of size (w, h) for a box at (bx, by, bw, bh), stroke s; returns where it went. */
    public LabelRect place(double bx, double by, double bw, double bh, double s, double w, double h) {
        LabelRect block = new LabelRect(0, 0, w, h);
        double left = clampX(bx, w);
        double right = clampX(bx + bw - w, w);
        double[] ys = {by - h - s / 2, by + s / 2, by + bh + s / 2};
        LabelRect preferred = block.at(left, clampY(ys[0], h));
        for (double y : ys) {
            for (double x : new double[] {left, right}) {
                LabelRect r = block.at(x, clampY(y, h));
                if (free(r)) {
                    return take(r);
                }
            }
        }
        List<Double> xs = new ArrayList<>(List.of(preferred.x(), 0.0, imageW - w));
        List<Double> ysFree = new ArrayList<>(List.of(preferred.y(), 0.0, imageH - h));
        for (LabelRect t : taken) {
            xs.add(t.x() + t.w());
            xs.add(t.x() - w);
            ysFree.add(t.y() + t.h());
            ysFree.add(t.y() - h);
        }
        LabelRect best = null;
        double bestCost = Double.POSITIVE_INFINITY;
        for (double x : xs) {
            if (x < -1e-9 || x + w > imageW + 1e-9) {
                continue;
            }
            for (double y : ysFree) {
                if (y < -1e-9 || y + h > imageH + 1e-9) {
                    continue;
                }
                double cost = Math.abs(x - preferred.x()) + Math.abs(y - preferred.y());
                if (cost < bestCost) {
                    LabelRect r = block.at(x, y);
                    if (free(r)) {
                        best = r;
                        bestCost = cost;
                    }
                }
            }
        }
        return take(best != null ? best : preferred);
    }

    private boolean free(LabelRect r) {
        for (LabelRect t : taken) {
            if (t.intersects(r)) {
                return false;
            }
        }
        return true;
    }

    private LabelRect take(LabelRect r) {
        taken.add(r);
        return r;
    }

    private double clampX(double x, double w) {
        return Math.max(0, Math.min(imageW - w, x));
    }

    private double clampY(double y, double h) {
        return Math.max(0, Math.min(imageH - h, y));
    }
}
