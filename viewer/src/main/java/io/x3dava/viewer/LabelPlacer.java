package io.x3dava.viewer;

import java.util.ArrayList;
import java.util.List;

/**
 * Puts label blocks where they overlap no other label (nor the legend): preferably just above the box, else inside its
 * top, else below it, left- or right-aligned; failing all six, the free position nearest to "above" found on a 2 px grid
 * over the image. Greedy, boxes in the order given; only when the image has no free room left does a block overlap.
 */
public final class LabelPlacer {
    private static final double GRID = 2;

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
        LabelRect best = null;
        double bestCost = Double.POSITIVE_INFINITY;
        for (double y = 0; y + h <= imageH + 1e-9; y += GRID) {
            for (double x = 0; x + w <= imageW + 1e-9; x += GRID) {
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
