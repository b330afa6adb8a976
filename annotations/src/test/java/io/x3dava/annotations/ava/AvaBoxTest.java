package io.x3dava.annotations.ava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Area and IoU as the ActivityNet evaluator's np_box_ops computes them (no +1), by hand. */
class AvaBoxTest {

    @Test
    void areaAndIouByHand() {
        AvaBox a = new AvaBox(0.1, 0.2, 0.5, 0.6); // 0.4 x 0.4
        AvaBox b = new AvaBox(0.3, 0.4, 0.9, 0.7); // 0.6 wide, 0.3 high
        assertEquals(0.16, a.area(), 1e-12);
        assertEquals(0.18, b.area(), 1e-12);
        // overlap x 0.3..0.5, y 0.4..0.6: 0.04; union 0.16 + 0.18 - 0.04 = 0.30
        assertEquals(0.04 / 0.30, a.iou(b), 1e-12);
        assertEquals(a.iou(b), b.iou(a), 0.0);
        assertEquals(1.0, a.iou(a), 1e-12);
        // touching or apart: 0; overlapping only in x or only in y: 0
        assertEquals(0.0, a.iou(new AvaBox(0.5, 0.2, 0.7, 0.6)), 0.0);
        assertEquals(0.0, a.iou(new AvaBox(0.2, 0.7, 0.4, 0.9)), 0.0);
        assertEquals(0.0, a.iou(new AvaBox(0.6, 0.3, 0.8, 0.5)), 0.0);
        // a box inside another: inter = inner area
        assertEquals(0.01 / 0.16, a.iou(new AvaBox(0.2, 0.3, 0.3, 0.4)), 1e-12);
        // two zero-area boxes: empty union, 0 (not NaN)
        AvaBox point = new AvaBox(0.5, 0.5, 0.5, 0.5);
        assertEquals(0.0, point.iou(point), 0.0);
    }

    @Test
    void positiveAreaNeedsWidthAndHeight() {
        assertTrue(new AvaBox(0.1, 0.2, 0.3, 0.4).hasPositiveArea());
        assertFalse(new AvaBox(0.3, 0.2, 0.3, 0.4).hasPositiveArea());
        assertFalse(new AvaBox(0.1, 0.4, 0.3, 0.4).hasPositiveArea());
        assertFalse(new AvaBox(0.4, 0.2, 0.3, 0.4).hasPositiveArea());
        assertFalse(new AvaBox(0.1, 0.5, 0.3, 0.4).hasPositiveArea());
    }
}
