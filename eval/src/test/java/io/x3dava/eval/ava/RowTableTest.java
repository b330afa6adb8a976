package io.x3dava.eval.ava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The evaluator's columnar rows: each row keeps its own box (shared only by consecutive equal boxes), IoU, order. */
class RowTableTest {

    @Test
    void everyRowKeepsItsOwnBoxThroughGrowth() {
        RowTable t = new RowTable();
        // consecutive boxes equal (shared) or differing in exactly one coordinate, past both tables' first sizes
        double[] c = {0.1, 0.2, 0.6, 0.7};
        double[][] want = new double[2000][];
        for (int i = 0; i < want.length; i++) {
            if (i % 2 == 1) {
                c[(i / 2) % 4] += 0.0001;
            }
            want[i] = c.clone();
            assertEquals(i, t.add(0.5, 1 + i % 3, c[0], c[1], c[2], c[3]));
        }
        for (int i = 0; i < want.length; i++) {
            double[] got = {t.y1(i), t.x1(i), t.y2(i), t.x2(i)};
            assertEquals(java.util.Arrays.toString(want[i]), java.util.Arrays.toString(got), "row " + i);
            assertEquals(1 + i % 3, t.action[i]);
            assertEquals(i, t.seq[i]);
        }
    }

    @Test
    void validBoxesAreStrictlyOrdered() {
        RowTable t = new RowTable();
        t.add(0.5, 1, 0.1, 0.1, 0.5, 0.5);
        t.add(0.5, 1, 0.1, 0.1, 0.1, 0.5); // y1 == y2
        t.add(0.5, 1, 0.1, 0.3, 0.5, 0.3); // x1 == x2
        assertTrue(t.valid(0));
        assertFalse(t.valid(1));
        assertFalse(t.valid(2));
    }

    @Test
    void iouOfEmptyBoxesIsZero() {
        RowTable t = new RowTable();
        t.add(0.5, 1, 0.2, 0.2, 0.2, 0.2);
        t.add(0.5, 1, 0.0, 0.0, 0.5, 0.5);
        t.add(0.5, 1, 0.25, 0.0, 0.5, 0.5);
        assertEquals(0.0, t.iou(0, t, 0));
        assertEquals(0.5, t.iou(1, t, 2), 1e-12);
    }

    @Test
    void aTupleIsNotLessThanAnEqualOne() {
        RowTable t = new RowTable();
        t.add(0.5, 1, 0.1, 0.1, 0.5, 0.5);
        t.add(0.5, 1, 0.1, 0.1, 0.5, 0.6);
        t.add(0.5, 1, 0.1, 0.1, 0.5, 0.6);
        assertFalse(t.tupleLess(1, 2));
        assertFalse(t.tupleLess(2, 1));
        assertTrue(t.tupleLess(0, 1));
        assertFalse(t.tupleLess(1, 0));
    }
}
