package io.x3dava.detector.roi;

/**
 * Where RoIAlign samples the feature map for a set of boxes: for each output cell, up to {@code slots} bilinear taps
 * (row index into the (N*H*W) flattened map and a weight that already includes the 1/count average). Computed on the
 * Java side from the box coordinates only (a few scalars per cell), exactly as torchvision's CPU kernel
 * (pre_calc_for_bilinear_interpolate): samples outside [-1, H] x [-1, W] contribute 0, coordinates are clamped to the
 * map, and the bin's grid is adaptive (ceil(roi / output)) when the sampling ratio is 0.
 */
final class RoiSamplingPlan {
    final int cells;
    final int slots;
    final long[] index;
    final float[] weight;

    private RoiSamplingPlan(int cells, int slots, long[] index, float[] weight) {
        this.cells = cells;
        this.slots = slots;
        this.index = index;
        this.weight = weight;
    }

    /**
     * @param boxes K rows of (batch index, x1, y1, x2, y2) in input-image pixels
     */
    static RoiSamplingPlan of(float[] boxes, int numBoxes, int batch, int height, int width, RoiAlignConfig cfg) {
        int p = cfg.outputSize();
        double offset = cfg.aligned() ? 0.5 : 0.0;
        int[] gridH = new int[numBoxes];
        int[] gridW = new int[numBoxes];
        int maxGrid = 1;
        double[][] geometry = new double[numBoxes][];
        for (int k = 0; k < numBoxes; k++) {
            int b = (int) boxes[k * 5];
            if (b < 0 || b >= batch || b != boxes[k * 5]) {
                throw new IllegalArgumentException("box " + k + " has batch index " + boxes[k * 5]
                        + ", expected an integer in [0, " + (batch - 1) + "]");
            }
            double startW = boxes[k * 5 + 1] * cfg.spatialScale() - offset;
            double startH = boxes[k * 5 + 2] * cfg.spatialScale() - offset;
            double endW = boxes[k * 5 + 3] * cfg.spatialScale() - offset;
            double endH = boxes[k * 5 + 4] * cfg.spatialScale() - offset;
            double roiW = endW - startW;
            double roiH = endH - startH;
            if (!cfg.aligned()) {
                // legacy behaviour: malformed boxes are forced to 1x1
                roiW = Math.max(roiW, 1.0);
                roiH = Math.max(roiH, 1.0);
            }
            double binH = roiH / p;
            double binW = roiW / p;
            gridH[k] = cfg.samplingRatio() > 0 ? cfg.samplingRatio() : (int) Math.ceil(roiH / p);
            gridW[k] = cfg.samplingRatio() > 0 ? cfg.samplingRatio() : (int) Math.ceil(roiW / p);
            gridH[k] = Math.max(gridH[k], 0);
            gridW[k] = Math.max(gridW[k], 0);
            maxGrid = Math.max(maxGrid, gridH[k] * gridW[k]);
            geometry[k] = new double[] {b, startH, startW, binH, binW};
        }
        int slots = maxGrid * 4;
        int cells = numBoxes * p * p;
        long[] index = new long[cells * slots];
        float[] weight = new float[cells * slots];
        long hw = (long) height * width;
        for (int k = 0; k < numBoxes; k++) {
            double[] g = geometry[k];
            long base = (long) g[0] * hw;
            int gh = gridH[k];
            int gw = gridW[k];
            double count = Math.max(gh * gw, 1);
            for (int ph = 0; ph < p; ph++) {
                for (int pw = 0; pw < p; pw++) {
                    int cell = (k * p + ph) * p + pw;
                    int s = cell * slots;
                    for (int iy = 0; iy < gh; iy++) {
                        double yy = g[1] + ph * g[3] + (iy + 0.5) * g[3] / gh;
                        for (int ix = 0; ix < gw; ix++) {
                            double xx = g[2] + pw * g[4] + (ix + 0.5) * g[4] / gw;
                            s = addBilinear(yy, xx, height, width, base, 1.0 / count, index, weight, s);
                        }
                    }
                }
            }
        }
        return new RoiSamplingPlan(cells, slots, index, weight);
    }

    /** Appends the four taps of one sample point; returns the next free slot. */
    private static int addBilinear(double y, double x, int height, int width, long base, double scale, long[] index,
            float[] weight, int s) {
        if (y < -1.0 || y > height || x < -1.0 || x > width) {
            return s + 4; // empty taps: weight 0, index 0
        }
        if (y <= 0) {
            y = 0;
        }
        if (x <= 0) {
            x = 0;
        }
        int yLow = (int) y;
        int xLow = (int) x;
        int yHigh;
        int xHigh;
        if (yLow >= height - 1) {
            yHigh = yLow = height - 1;
            y = yLow;
        } else {
            yHigh = yLow + 1;
        }
        if (xLow >= width - 1) {
            xHigh = xLow = width - 1;
            x = xLow;
        } else {
            xHigh = xLow + 1;
        }
        double ly = y - yLow;
        double lx = x - xLow;
        double hy = 1.0 - ly;
        double hx = 1.0 - lx;
        index[s] = base + (long) yLow * width + xLow;
        weight[s] = (float) (hy * hx * scale);
        index[s + 1] = base + (long) yLow * width + xHigh;
        weight[s + 1] = (float) (hy * lx * scale);
        index[s + 2] = base + (long) yHigh * width + xLow;
        weight[s + 2] = (float) (ly * hx * scale);
        index[s + 3] = base + (long) yHigh * width + xHigh;
        weight[s + 3] = (float) (ly * lx * scale);
        return s + 4;
    }
}
