package io.x3dava.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Labels of a crowded frame never cover each other or the legend; verdicts are told apart by colour and pattern. */
class OverlayLayoutTest {
    static OverlayDrawing.Placed draw(List<DrawnBox> boxes, int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        try {
            return new OverlayPainter().paint(g, boxes, w, h);
        } finally {
            g.dispose();
        }
    }

    /** Twelve people standing in a huddle, three actions each, every verdict present. */
    static List<DrawnBox> crowd() {
        List<DrawnBox> boxes = new ArrayList<>();
        BoxStyle[] styles = BoxStyle.values();
        for (int i = 0; i < 12; i++) {
            double x = 0.30 + 0.03 * (i % 4);
            double y = 0.25 + 0.04 * (i / 4);
            boxes.add(new DrawnBox(Rows.box(x, y, x + 0.25, y + 0.5),
                    List.of("GT statical " + i, "FP sideways 0.14", "TP pulse 0.9" + i), 1 + i % 4, styles[i % styles.length]));
        }
        return boxes;
    }

    @Test
    void noTwoLabelsIntersectOnACrowdedFrame() {
        for (int[] size : new int[][] {{640, 480}, {960, 540}, {480, 480}}) {
            OverlayDrawing.Placed p = draw(crowd(), size[0], size[1]);
            assertEquals(12, p.labels().size());
            assertNotNull(p.legend(), "legend drawn");
            List<LabelRect> all = new ArrayList<>(p.labels());
            all.add(p.legend());
            for (int i = 0; i < all.size(); i++) {
                LabelRect a = all.get(i);
                assertTrue(a.x() >= 0 && a.y() >= 0 && a.x() + a.w() <= size[0] + 1e-9 && a.y() + a.h() <= size[1] + 1e-9,
                        "inside the image: " + a);
                for (int j = i + 1; j < all.size(); j++) {
                    assertFalse(a.intersects(all.get(j)), size[0] + "x" + size[1] + ": " + a + " and " + all.get(j));
                }
            }
        }
    }

    @Test
    void anUncrowdedLabelSitsRightAboveItsBox() {
        DrawnBox b = new DrawnBox(Rows.box(0.4, 0.4, 0.6, 0.8), List.of("stand 0.90"), 1, BoxStyle.DETECTION);
        LabelRect r = draw(List.of(b), 640, 480).labels().get(0);
        assertEquals(0.4 * 640, r.x(), 1e-9);
        assertTrue(r.y() + r.h() <= 0.4 * 480 && r.y() + r.h() > 0.4 * 480 - 4, "just above the box: " + r);
    }

    @Test
    void verdictsHaveDistinctColoursAndPatterns() {
        Set<Integer> colours = new HashSet<>();
        Set<String> looks = new HashSet<>();
        for (BoxStyle s : EnumSet.of(BoxStyle.GROUND_TRUTH, BoxStyle.MISSED, BoxStyle.TRUE_POSITIVE, BoxStyle.FALSE_POSITIVE)) {
            colours.add(s.outlineRgb(1));
            looks.add(s.pattern() + "/" + s.widthFactor());
        }
        assertEquals(4, colours.size(), "four outline colours");
        assertTrue(looks.size() >= 3, "line patterns tell them apart without colour: " + looks);
        assertEquals(Palette.rgb(7), BoxStyle.DETECTION.outlineRgb(7), "unjudged predictions keep the class colour");

        // the pixels: a TP and an FP box of the same class are drawn in different colours
        int w = 640;
        int h = 480;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        new OverlayPainter().paint(g, List.of(
                new DrawnBox(Rows.box(0.1, 0.3, 0.3, 0.9), List.of("TP a 0.9"), 3, BoxStyle.TRUE_POSITIVE),
                new DrawnBox(Rows.box(0.6, 0.3, 0.8, 0.9), List.of("FP a 0.8"), 3, BoxStyle.FALSE_POSITIVE)), w, h);
        g.dispose();
        assertEquals(BoxStyle.TRUE_POSITIVE.outlineRgb(3), img.getRGB((int) (0.1 * w), (int) (0.6 * h)) & 0xffffff);
        boolean redFound = false;
        for (int y = (int) (0.5 * h); y < (int) (0.7 * h); y++) {
            redFound |= (img.getRGB((int) (0.6 * w), y) & 0xffffff) == BoxStyle.FALSE_POSITIVE.outlineRgb(3);
        }
        assertTrue(redFound, "FP outline in its own colour");
    }

    @Test
    void groundTruthAloneIsPlainGroundTruthNotMissed() {
        OverlayModel m = new OverlayModel(List.of(), List.of(Rows.gt("v", 3, Rows.box(0.1, 0.1, 0.5, 0.9), 4, 0)), null,
                Set.of());
        List<DrawnBox> boxes = new OverlayQuery(m).at("v", 3, OverlaySettings.defaults()).boxes();
        assertEquals(List.of(BoxStyle.GROUND_TRUTH), boxes.stream().map(DrawnBox::style).toList());
        assertEquals(List.of("GT action 4"), boxes.get(0).labelLines());
    }

    @Test
    void legendListsTheStylesOnScreenOnly() {
        OverlayDrawing.Placed none = draw(List.of(), 640, 480);
        assertEquals(null, none.legend());
        OverlayDrawing.Placed one = draw(List.of(new DrawnBox(Rows.box(0.4, 0.1, 0.6, 0.5), List.of("GT a"), 1,
                BoxStyle.GROUND_TRUTH)), 640, 480);
        OverlayDrawing.Placed two = draw(List.of(
                new DrawnBox(Rows.box(0.4, 0.1, 0.6, 0.5), List.of("GT a"), 1, BoxStyle.GROUND_TRUTH),
                new DrawnBox(Rows.box(0.6, 0.1, 0.8, 0.5), List.of("FP a 0.5"), 1, BoxStyle.FALSE_POSITIVE)), 640, 480);
        assertTrue(two.legend().h() > one.legend().h(), "one row per style present");
    }
}
