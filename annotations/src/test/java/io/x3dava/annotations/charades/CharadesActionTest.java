package io.x3dava.annotations.charades;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** An action interval [start, end) overlaps a window [from, to) when they share time; touching ends do not count. */
class CharadesActionTest {
    @Test
    void overlapsSharedTimeOnly() {
        CharadesAction a = new CharadesAction(92, 2, 5);
        assertTrue(a.overlaps(1, 3));
        assertTrue(a.overlaps(3, 4));
        assertTrue(a.overlaps(4.5, 9));
        assertFalse(a.overlaps(5, 6), "starts where the action ends");
        assertFalse(a.overlaps(0, 2), "ends where the action starts");
        assertFalse(a.overlaps(6, 7));
    }
}
