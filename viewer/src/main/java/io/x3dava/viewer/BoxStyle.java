package io.x3dava.viewer;

/**
 * How a box is drawn. With ground truth loaded every verdict has its own outline colour and line pattern (so they
 * differ in grey-scale and for colour-blind users too); label backgrounds keep the class colour.
 */
public enum BoxStyle {
    /** A detection, no ground truth to judge it: outline in its class colour, solid. */
    DETECTION(-1, Pattern.SOLID, 1.0, "prediction"),
    /** A detection with at least one shown action matching ground truth at IoU 0.5: green, solid. */
    TRUE_POSITIVE(0x00e676, Pattern.SOLID, 1.0, "TP"),
    /** A detection none of whose shown actions matches ground truth: red, dotted. */
    FALSE_POSITIVE(0xff1744, Pattern.DOTTED, 1.0, "FP"),
    /** A ground-truth box all of whose (shown) actions are found by the shown detections: white, dashed. */
    GROUND_TRUTH(0xffffff, Pattern.DASHED, 1.0, "GT"),
    /** A ground-truth box with at least one action no shown detection found: amber, dashed, thicker. */
    MISSED(0xffab00, Pattern.DASHED, 1.5, "missed GT"),
    /** A tracked person (tracks.json) without a shown detection: grey, dash-dot. */
    TRACK(0xb0bec5, Pattern.DASH_DOT, 0.75, "track");

    /** Line patterns, in multiples of the stroke's base width. */
    public enum Pattern {
        SOLID(null), DASHED(new double[] {3, 2}), DOTTED(new double[] {1, 1.2}), DASH_DOT(new double[] {3, 1.2, 1, 1.2});

        private final double[] unit;

        Pattern(double[] unit) {
            this.unit = unit;
        }

        /** Dash lengths for a base width, or null for a solid line. */
        public double[] dashes(double base) {
            if (unit == null) {
                return null;
            }
            double[] d = unit.clone();
            for (int i = 0; i < d.length; i++) {
                d[i] *= base;
            }
            return d;
        }
    }

    private final int rgb;
    private final Pattern pattern;
    private final double widthFactor;
    private final String legend;

    BoxStyle(int rgb, Pattern pattern, double widthFactor, String legend) {
        this.rgb = rgb;
        this.pattern = pattern;
        this.widthFactor = widthFactor;
        this.legend = legend;
    }

    public boolean isGroundTruth() {
        return this == GROUND_TRUTH || this == MISSED;
    }

    /** Outline colour 0xRRGGBB; a plain detection takes its class colour. */
    public int outlineRgb(int colourClass) {
        return rgb < 0 ? Palette.rgb(colourClass) : rgb;
    }

    public Pattern pattern() {
        return pattern;
    }

    public double widthFactor() {
        return widthFactor;
    }

    /** Name in the legend. */
    public String legend() {
        return legend;
    }
}
