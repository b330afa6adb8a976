package io.x3dava.viewer;

/** What {@link OverlayDrawing} needs from a graphics API (Java2D for export, JavaFX for the window). Colours 0xRRGGBB. */
public interface OverlaySurface {
    double textWidth(String text, double fontSize, boolean italic);

    void strokeRect(double x, double y, double w, double h, int rgb, double alpha, double width, double[] dash);

    void strokeLine(double x1, double y1, double x2, double y2, int rgb, double alpha, double width, double[] dash);

    void fillRect(double x, double y, double w, double h, int rgb, double alpha);

    /** Text with its baseline at y. */
    void text(String text, double x, double baseline, int rgb, double fontSize, boolean italic);
}
