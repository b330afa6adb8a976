package io.x3dava.viewer;

/**
 * Pixel geometry of one drawn box, shared by the Java2D and JavaFX painters so that export and screen look the same.
 *
 * @param dash dash pattern in pixels (on, off), or null for a solid line
 * @param labelAbove whether the label block sits above the box (else inside its top, when there is no room above)
 */
public record BoxLayout(double x, double y, double w, double h, double stroke, double[] dash, double fontSize,
        double lineHeight, boolean labelAbove) {

    /** Stroke and font grow with the image so that labels stay legible on full-size frames and thumbnails alike. */
    public static BoxLayout of(DrawnBox b, int imageWidth, int imageHeight) {
        double base = Math.max(2.0, Math.round(Math.min(imageWidth, imageHeight) / 180.0));
        double stroke = switch (b.style()) {
            case MISSED -> base * 1.5;
            case FALSE_POSITIVE -> Math.max(1.0, base / 2);
            default -> base;
        };
        double[] dash = b.style().isGroundTruth() ? new double[] {base * 3, base * 2} : null;
        double x = b.box().x1() * imageWidth;
        double y = b.box().y1() * imageHeight;
        double w = (b.box().x2() - b.box().x1()) * imageWidth;
        double h = (b.box().y2() - b.box().y1()) * imageHeight;
        double font = Math.max(10.0, Math.round(imageHeight / 40.0));
        double lineHeight = Math.round(font * 1.25);
        boolean above = y >= lineHeight * b.labelLines().size();
        return new BoxLayout(x, y, w, h, stroke, dash, font, lineHeight, above);
    }

    /** Top of the label block. */
    public double labelTop(int lines) {
        return labelAbove ? y - lineHeight * lines : y + stroke;
    }

    /** Black or white text, whichever reads better on the class colour (luma). */
    public static int textRgb(int backgroundRgb) {
        int r = backgroundRgb >> 16 & 0xff;
        int g = backgroundRgb >> 8 & 0xff;
        int b = backgroundRgb & 0xff;
        return 0.299 * r + 0.587 * g + 0.114 * b > 140 ? 0x000000 : 0xffffff;
    }
}
