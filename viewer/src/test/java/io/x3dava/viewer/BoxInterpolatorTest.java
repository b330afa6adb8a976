package io.x3dava.viewer;

import static io.x3dava.viewer.Rows.box;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class BoxInterpolatorTest {
    static DrawnBox d(double x1, String label, BoxStyle style) {
        return new DrawnBox(box(x1, 0.1, x1 + 0.2, 0.5), List.of(label), 1, style);
    }

    @Test
    void pairsByIouAndSwitchesUnpairedBoxesAtTheMidpoint() {
        List<DrawnBox> from = List.of(d(0.0, "left", BoxStyle.DETECTION), d(0.7, "gone", BoxStyle.DETECTION));
        List<DrawnBox> to = List.of(d(0.05, "left'", BoxStyle.DETECTION), d(0.4, "new", BoxStyle.DETECTION));
        BoxInterpolator bi = new BoxInterpolator();

        List<DrawnBox> early = bi.interpolate(from, to, 0.2);
        assertEquals(List.of("left", "gone"), early.stream().map(b -> b.labelLines().get(0)).toList());
        assertEquals(0.01, early.get(0).box().x1(), 1e-12);

        List<DrawnBox> late = bi.interpolate(from, to, 0.6);
        assertEquals(List.of("left'", "new"), late.stream().map(b -> b.labelLines().get(0)).toList());
        assertEquals(0.03, late.get(0).box().x1(), 1e-12);
    }

    @Test
    void neverPairsDetectionsWithGroundTruth() {
        List<DrawnBox> from = List.of(d(0.0, "det", BoxStyle.DETECTION));
        List<DrawnBox> to = List.of(d(0.0, "gt", BoxStyle.GROUND_TRUTH));
        List<DrawnBox> out = new BoxInterpolator().interpolate(from, to, 0.3);
        assertEquals(List.of("det"), out.stream().map(b -> b.labelLines().get(0)).toList());
    }

    @Test
    void greedyTakesTheBestPairFirst() {
        List<DrawnBox> from = List.of(d(0.0, "a", BoxStyle.DETECTION), d(0.08, "b", BoxStyle.DETECTION));
        List<DrawnBox> to = List.of(d(0.09, "b'", BoxStyle.DETECTION));
        List<DrawnBox> out = new BoxInterpolator().interpolate(from, to, 0.7);
        // b pairs with b' (IoU higher than a-b'); a is unpaired and gone after the midpoint
        assertEquals(1, out.size());
        assertEquals("b'", out.get(0).labelLines().get(0));
        assertEquals(0.08 + 0.01 * 0.7, out.get(0).box().x1(), 1e-12);
    }
}
