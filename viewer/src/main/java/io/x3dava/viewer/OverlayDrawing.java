package io.x3dava.viewer;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Draws boxes, their labels and a legend on any {@link OverlaySurface}, so that the window and the exports look the
 * same. Outlines carry the verdict (colour and line pattern, over a dark halo so they show on bright frames too); each
 * label line has its class colour; labels are laid out by {@link LabelPlacer} so that none covers another or the legend,
 * and a label moved away from its box gets a leader line to it.
 */
public final class OverlayDrawing {
    /** Label backgrounds are slightly transparent so that the person under a label stays visible. */
    static final double LABEL_ALPHA = 210 / 255.0;
    static final double HALO_ALPHA = 0.55;
    static final double PAD = 3;

    /** Where things went, for tests: the label blocks (one per box, in box order) and the legend (null if none). */
    public record Placed(List<LabelRect> labels, LabelRect legend) {}

    private OverlayDrawing() {}

    public static Placed draw(OverlaySurface g, List<DrawnBox> boxes, int width, int height) {
        if (boxes.isEmpty()) {
            return new Placed(List.of(), null);
        }
        double base = BoxLayout.baseStroke(width, height);
        double font = BoxLayout.fontSize(height);
        double lineHeight = Math.round(font * 1.25);

        // legend first: it claims the bottom-left corner, labels avoid it
        Set<BoxStyle> styles = EnumSet.noneOf(BoxStyle.class);
        boxes.forEach(b -> styles.add(b.style()));
        LabelRect legend = legendRect(g, styles, width, height, font, lineHeight, base);

        List<BoxLayout> layouts = boxes.stream().map(b -> BoxLayout.of(b, width, height)).toList();
        for (int i = 0; i < boxes.size(); i++) {
            BoxLayout l = layouts.get(i);
            int rgb = boxes.get(i).style().outlineRgb(boxes.get(i).colourClass());
            g.strokeRect(l.x(), l.y(), l.w(), l.h(), 0x000000, HALO_ALPHA, l.stroke() + 2, null);
            g.strokeRect(l.x(), l.y(), l.w(), l.h(), rgb, 1.0, l.stroke(), l.dash());
        }

        LabelPlacer placer = new LabelPlacer(width, height, legend == null ? List.of() : List.of(legend));
        List<LabelRect> placed = new ArrayList<>();
        for (int i = 0; i < boxes.size(); i++) {
            DrawnBox b = boxes.get(i);
            BoxLayout l = layouts.get(i);
            boolean italic = b.style().isGroundTruth();
            double w = 0;
            for (String line : b.labelLines()) {
                w = Math.max(w, g.textWidth(line, font, italic) + 2 * PAD);
            }
            double h = lineHeight * b.labelLines().size();
            LabelRect r = placer.place(l.x(), l.y(), l.w(), l.h(), l.stroke(), Math.ceil(w), h);
            placed.add(r);
            if (!touches(r, l)) {
                double bx = Math.max(l.x(), Math.min(l.x() + l.w(), r.x() + r.w() / 2));
                double by = Math.max(l.y(), Math.min(l.y() + l.h(), r.y() + r.h() / 2));
                double lx = Math.max(r.x(), Math.min(r.x() + r.w(), bx));
                double ly = by < r.y() ? r.y() : r.y() + r.h();
                g.strokeLine(lx, ly, bx, by, b.style().outlineRgb(b.colourClass()), 1.0, Math.max(1, base / 2), null);
            }
        }
        // labels last, so no outline or leader crosses a label
        for (int i = 0; i < boxes.size(); i++) {
            DrawnBox b = boxes.get(i);
            LabelRect r = placed.get(i);
            double top = r.y();
            for (String line : b.labelLines()) {
                int rgb = Palette.rgb(b.colourClass());
                g.fillRect(r.x(), top, r.w(), lineHeight, rgb, LABEL_ALPHA);
                g.text(line, r.x() + PAD, top + lineHeight - Math.round(font * 0.3), BoxLayout.textRgb(rgb), font,
                        b.style().isGroundTruth());
                top += lineHeight;
            }
        }
        if (legend != null) {
            drawLegend(g, styles, legend, font, lineHeight, base);
        }
        return new Placed(placed, legend);
    }

    /** Whether the label block sits on or next to the box outline (no leader line needed). */
    private static boolean touches(LabelRect r, BoxLayout l) {
        double m = l.stroke() + 1;
        return r.x() < l.x() + l.w() + m && l.x() - m < r.x() + r.w() && r.y() < l.y() + l.h() + m && l.y() - m < r.y() + r.h();
    }

    private static double swatch(double font) {
        return Math.round(font * 1.8);
    }

    private static LabelRect legendRect(OverlaySurface g, Set<BoxStyle> styles, int width, int height, double font,
            double lineHeight, double base) {
        double w = 0;
        for (BoxStyle s : styles) {
            w = Math.max(w, swatch(font) + PAD + g.textWidth(s.legend(), font, false));
        }
        w = Math.ceil(w + 2 * PAD);
        double h = lineHeight * styles.size() + 2 * PAD;
        if (w > width / 2.0 || h > height / 2.0) {
            return null; // a thumbnail: no room for a legend that would hide half the frame
        }
        return new LabelRect(0, height - h, w, h);
    }

    private static void drawLegend(OverlaySurface g, Set<BoxStyle> styles, LabelRect r, double font, double lineHeight,
            double base) {
        g.fillRect(r.x(), r.y(), r.w(), r.h(), 0x000000, 0.6);
        double y = r.y() + PAD;
        for (BoxStyle s : styles) {
            double mid = y + lineHeight / 2;
            double x0 = r.x() + PAD;
            int rgb = s == BoxStyle.DETECTION ? 0xdddddd : s.outlineRgb(0);
            g.strokeLine(x0, mid, x0 + swatch(font), mid, rgb, 1.0, base * s.widthFactor(), s.pattern().dashes(base));
            g.text(s.legend(), x0 + swatch(font) + PAD, y + lineHeight - Math.round(font * 0.3), 0xffffff, font, false);
            y += lineHeight;
        }
    }
}
