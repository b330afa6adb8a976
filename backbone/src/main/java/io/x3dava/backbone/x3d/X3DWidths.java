package io.x3dava.backbone.x3d;

/** Channel rounding of the reference implementation (PySlowFast round_width, as in EfficientNet/MobileNet). */
public final class X3DWidths {

    private X3DWidths() {
    }

    /** width * multiplier rounded to the nearest multiple of 8, at least 8, and never more than 10% below. */
    public static int round(double width, double multiplier) {
        int divisor = 8;
        double w = width * multiplier;
        int rounded = Math.max(divisor, (int) (w + divisor / 2.0) / divisor * divisor);
        if (rounded < 0.9 * w) {
            rounded += divisor;
        }
        return rounded;
    }
}
