package io.x3dava.viewer;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;

/** Draws a {@link FrameOverlay} with Java2D: used for export (runs without a screen) and in tests. */
public final class OverlayPainter {
    /** Label backgrounds are slightly transparent so that the person under a label stays visible. */
    private static final int LABEL_ALPHA = 210;

    public void paint(Graphics2D g, List<DrawnBox> boxes, int width, int height) {
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        // boxes first, then labels, so that no box line crosses a label
        for (DrawnBox b : boxes) {
            BoxLayout l = BoxLayout.of(b, width, height);
            g.setColor(new Color(Palette.rgb(b.colourClass())));
            float[] dash = l.dash() == null ? null : new float[] {(float) l.dash()[0], (float) l.dash()[1]};
            g.setStroke(new BasicStroke((float) l.stroke(), BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, dash, 0f));
            g.draw(new Rectangle2D.Double(l.x(), l.y(), l.w(), l.h()));
        }
        for (DrawnBox b : boxes) {
            BoxLayout l = BoxLayout.of(b, width, height);
            int rgb = Palette.rgb(b.colourClass());
            g.setFont(new Font(Font.SANS_SERIF, b.style().isGroundTruth() ? Font.ITALIC : Font.PLAIN, (int) l.fontSize()));
            FontMetrics fm = g.getFontMetrics();
            double top = l.labelTop(b.labelLines().size());
            for (String line : b.labelLines()) {
                int tw = fm.stringWidth(line) + 6;
                g.setColor(new Color(rgb >> 16 & 0xff, rgb >> 8 & 0xff, rgb & 0xff, LABEL_ALPHA));
                g.fill(new Rectangle2D.Double(l.x(), top, tw, l.lineHeight()));
                g.setColor(new Color(BoxLayout.textRgb(rgb)));
                g.drawString(line, (float) l.x() + 3, (float) (top + l.lineHeight() - fm.getDescent() - 1));
                top += l.lineHeight();
            }
        }
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
            paint(g, overlay.boxes(), out.getWidth(), out.getHeight());
        } finally {
            g.dispose();
        }
        return out;
    }
}
