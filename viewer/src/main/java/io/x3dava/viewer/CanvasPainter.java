package io.x3dava.viewer;

import java.util.List;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.Image;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.shape.StrokeLineJoin;
import javafx.scene.text.Font;
import javafx.scene.text.FontPosture;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;

/** Draws a frame letterboxed into a canvas with its overlay: the JavaFX twin of {@link OverlayPainter}, same geometry. */
public final class CanvasPainter {
    /** Where the image landed on the canvas, for mapping normalized boxes. */
    public record Viewport(double x, double y, double width, double height) {}

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
        drawBoxes(g, boxes, (int) w, (int) h);
        g.restore();
        return new Viewport(x, y, w, h);
    }

    private void drawBoxes(GraphicsContext g, List<DrawnBox> boxes, int w, int h) {
        g.setLineCap(StrokeLineCap.BUTT);
        g.setLineJoin(StrokeLineJoin.MITER);
        for (DrawnBox b : boxes) {
            BoxLayout l = BoxLayout.of(b, w, h);
            g.setStroke(colour(Palette.rgb(b.colourClass()), 1.0));
            g.setLineWidth(l.stroke());
            g.setLineDashes(l.dash() == null ? null : l.dash());
            g.strokeRect(l.x(), l.y(), l.w(), l.h());
        }
        g.setLineDashes((double[]) null);
        g.setTextBaseline(VPos.BOTTOM);
        for (DrawnBox b : boxes) {
            BoxLayout l = BoxLayout.of(b, w, h);
            int rgb = Palette.rgb(b.colourClass());
            Font font = Font.font("SansSerif", FontWeight.NORMAL,
                    b.style().isGroundTruth() ? FontPosture.ITALIC : FontPosture.REGULAR, l.fontSize());
            g.setFont(font);
            double top = l.labelTop(b.labelLines().size());
            for (String line : b.labelLines()) {
                Text t = new Text(line);
                t.setFont(font);
                double tw = t.getLayoutBounds().getWidth() + 6;
                g.setFill(colour(rgb, 210 / 255.0));
                g.fillRect(l.x(), top, tw, l.lineHeight());
                g.setFill(colour(BoxLayout.textRgb(rgb), 1.0));
                g.fillText(line, l.x() + 3, top + l.lineHeight() - 1);
                top += l.lineHeight();
            }
        }
    }

    private static Color colour(int rgb, double alpha) {
        return Color.rgb(rgb >> 16 & 0xff, rgb >> 8 & 0xff, rgb & 0xff, alpha);
    }
}
