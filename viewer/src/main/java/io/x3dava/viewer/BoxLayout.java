package io.x3dava.viewer;

/**
 * Pixel geometry of one drawn box, shared by the Java2D and JavaFX painters so that export and screen look the same.
 *
 * @param dash dash pattern in pixels, or null for a solid line
 */
public record BoxLayout(double x, double y, double w, double h, double stroke, double[] dash, double fontSize,
        double lineHeight) {

    /** Base stroke width: grows with the image so that lines stay visible on full-size frames and thumbnails alike. */
    public static double baseStroke(int imageWidth, int imageHeight) {
        return Math.max(2.0, Math.round(Math.min(imageWidth, imageHeight) / 180.0));
    }

    /** Label font: 1/40 of the image height, at least 10 px. */
    public static double fontSize(int imageHeight) {
        return Math.max(10.0, Math.round(imageHeight / 40.0));
    }

    public static BoxLayout of(DrawnBox b, int imageWidth, int imageHeight) {
        double base = baseStroke(imageWidth, imageHeight);
        double stroke = base * b.style().widthFactor();
        double x = b.box().x1() * imageWidth;
        double y = b.box().y1() * imageHeight;
        double w = (b.box().x2() - b.box().x1()) * imageWidth;
        double h = (b.box().y2() - b.box().y1()) * imageHeight;
        double font = fontSize(imageHeight);
        return new BoxLayout(x, y, w, h, stroke, b.style().pattern().dashes(base), font, Math.round(font * 1.25));
    }

    /** Black or white text, whichever reads better on the class colour (luma). */
    public static int textRgb(int backgroundRgb) {
        int r = backgroundRgb >> 16 & 0xff;
        int g = backgroundRgb >> 8 & 0xff;
        int b = backgroundRgb & 0xff;
        return 0.299 * r + 0.587 * g + 0.114 * b > 140 ? 0x000000 : 0xffffff;
    }
}
