package io.x3dava.viewer;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;

/** Draws a {@link FrameOverlay} with Java2D: used for export (runs without a screen) and in tests. */
public final class OverlayPainter {

    /** Java2D as an {@link OverlaySurface}. */
    static final class Java2dSurface implements OverlaySurface {
        private final Graphics2D g;

        Java2dSurface(Graphics2D g) {
            this.g = g;
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        }

        private static Font font(double size, boolean italic) {
            return new Font(Font.SANS_SERIF, italic ? Font.ITALIC : Font.PLAIN, (int) Math.round(size));
        }

        private static Color colour(int rgb, double alpha) {
            return new Color(rgb >> 16 & 0xff, rgb >> 8 & 0xff, rgb & 0xff, (int) Math.round(alpha * 255));
        }

        private void stroke(int rgb, double alpha, double width, double[] dash) {
            float[] d = null;
            if (dash != null) {
                d = new float[dash.length];
                for (int i = 0; i < dash.length; i++) {
                    d[i] = (float) dash[i];
                }
            }
            g.setColor(colour(rgb, alpha));
            g.setStroke(new BasicStroke((float) width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, d, 0f));
        }

        @Override
        public double textWidth(String text, double fontSize, boolean italic) {
            return g.getFontMetrics(font(fontSize, italic)).getStringBounds(text, g).getWidth();
        }

        @Override
        public void strokeRect(double x, double y, double w, double h, int rgb, double alpha, double width, double[] dash) {
            stroke(rgb, alpha, width, dash);
            g.draw(new Rectangle2D.Double(x, y, w, h));
        }

        @Override
        public void strokeLine(double x1, double y1, double x2, double y2, int rgb, double alpha, double width, double[] dash) {
            stroke(rgb, alpha, width, dash);
            g.draw(new Line2D.Double(x1, y1, x2, y2));
        }

        @Override
        public void fillRect(double x, double y, double w, double h, int rgb, double alpha) {
            g.setColor(colour(rgb, alpha));
            g.fill(new Rectangle2D.Double(x, y, w, h));
        }

        @Override
        public void text(String text, double x, double baseline, int rgb, double fontSize, boolean italic) {
            g.setColor(colour(rgb, 1.0));
            g.setFont(font(fontSize, italic));
            g.drawString(text, (float) x, (float) baseline);
        }
    }

    public OverlayDrawing.Placed paint(Graphics2D g, List<DrawnBox> boxes, int width, int height) {
        return OverlayDrawing.draw(new Java2dSurface(g), boxes, width, height);
    }

    /**
     * The frame scaled to (width, height) with the overlay drawn on it at that size (3-byte BGR, the layout FFmpeg's
     * converter expects). Scaling is bilinear, as the viewer's canvas.
     */
    public BufferedImage annotate(BufferedImage frame, FrameOverlay overlay, int width, int height) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(frame, 0, 0, width, height, null);
            paint(g, overlay.boxes(), width, height);
        } finally {
            g.dispose();
        }
        return out;
    }
}
