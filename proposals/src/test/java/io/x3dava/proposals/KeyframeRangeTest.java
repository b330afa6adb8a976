package io.x3dava.proposals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** --keyframes: "FIRST-LAST" or one keyframe, inclusive. */
class KeyframeRangeTest {

    @Test
    void parsesRangesAndSingleKeyframesAndCountsInclusively() {
        assertEquals(new KeyframeRange(902, 1798), KeyframeRange.parse("902-1798"));
        assertEquals(897, KeyframeRange.parse("902-1798").count());
        assertEquals(new KeyframeRange(905, 905), KeyframeRange.parse(" 905 "));
        assertEquals(1, KeyframeRange.parse("905").count());
        assertEquals(3, KeyframeRange.parse("902 - 904").count());
        assertThrows(IllegalArgumentException.class, () -> KeyframeRange.parse("910-902"));
        assertThrows(IllegalArgumentException.class, () -> KeyframeRange.parse("a-b"));
    }
}
