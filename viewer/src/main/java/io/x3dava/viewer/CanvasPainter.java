package io.x3dava.viewer;

import java.util.List;

import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.Image;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.shape.StrokeLineJoin;
import javafx.scene.text.Font;
import javafx.scene.text.FontPosture;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;

/** Draws a frame letterboxed into a canvas with its overlay: the JavaFX twin of {@link OverlayPainter}, same drawing. */
public final class CanvasPainter {
    /** Where the image landed on the canvas, for mapping normalized boxes. */
    public record Viewport(double x, double y, double width, double height) {}

    /** JavaFX's canvas as an {@link OverlaySurface}. */
    private static final class FxSurface implements OverlaySurface {
        private final GraphicsContext g;
        private final Text measure = new Text();

        FxSurface(GraphicsContext g) {
            this.g = g;
            g.setLineCap(StrokeLineCap.BUTT);
            g.setLineJoin(StrokeLineJoin.MITER);
        }

        private static Font font(double size, boolean italic) {
            return Font.font("SansSerif", FontWeight.NORMAL, italic ? FontPosture.ITALIC : FontPosture.REGULAR,
                    Math.round(size));
        }

        private static Color colour(int rgb, double alpha) {
            return Color.rgb(rgb >> 16 & 0xff, rgb >> 8 & 0xff, rgb & 0xff, alpha);
        }

        @Override
        public double textWidth(String text, double fontSize, boolean italic) {
            measure.setText(text);
            measure.setFont(font(fontSize, italic));
            return measure.getLayoutBounds().getWidth();
        }

        private void stroke(int rgb, double alpha, double width, double[] dash) {
            g.setStroke(colour(rgb, alpha));
            g.setLineWidth(width);
            g.setLineDashes(dash);
        }

        @Override
        public void strokeRect(double x, double y, double w, double h, int rgb, double alpha, double width, double[] dash) {
            stroke(rgb, alpha, width, dash);
            g.strokeRect(x, y, w, h);
        }

        @Override
        public void strokeLine(double x1, double y1, double x2, double y2, int rgb, double alpha, double width, double[] dash) {
            stroke(rgb, alpha, width, dash);
            g.strokeLine(x1, y1, x2, y2);
        }

        @Override
        public void fillRect(double x, double y, double w, double h, int rgb, double alpha) {
            g.setFill(colour(rgb, alpha));
            g.fillRect(x, y, w, h);
        }

        @Override
        public void text(String text, double x, double baseline, int rgb, double fontSize, boolean italic) {
            g.setFill(colour(rgb, 1.0));
            g.setFont(font(fontSize, italic));
            g.setTextBaseline(javafx.geometry.VPos.BASELINE);
            g.fillText(text, x, baseline);
        }
    }

    public Viewport paint(GraphicsContext g, double canvasW, double canvasH, Image frame, List<DrawnBox> boxes) {
        g.setFill(Color.BLACK);
        g.fillRect(0, 0, canvasW, canvasH);
        if (frame == null) {
            return new Viewport(0, 0, canvasW, canvasH);
        }
        double scale = Math.min(canvasW / frame.getWidth(), canvasH / frame.getHeight());
        double w = Math.floor(frame.getWidth() * scale);
        double h = Math.floor(frame.getHeight() * scale);
        double x = Math.floor((canvasW - w) / 2);
        double y = Math.floor((canvasH - h) / 2);
        g.setImageSmoothing(true);
        g.drawImage(frame, x, y, w, h);
        g.save();
        g.translate(x, y);
        OverlayDrawing.draw(new FxSurface(g), boxes, (int) w, (int) h);
        g.setLineDashes((double[]) null);
        g.restore();
        return new Viewport(x, y, w, h);
    }
}
