package io.x3dava.backbone.video;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TemporalSamplerTest {
    @Test
    void centredOnKeyframe() {
        // step 8/30 s; centre 5 s = frame 150 is output frame 8/2 = 4
        assertArrayEquals(new long[] {118, 126, 134, 142, 150, 158, 166, 174},
                TemporalSampler.centered(300, 30, new ClipSpec(8, 8), 5.0));
        // odd T: the centre is output frame 13/2 = 6, symmetric
        long[] odd = TemporalSampler.centered(300, 30, new ClipSpec(13, 6), 5.0);
        assertEquals(150, odd[6]);
        assertEquals(114, odd[0]);
        assertEquals(186, odd[12]);
    }

    @Test
    void centredClampsAtBothEnds() {
        assertArrayEquals(new long[] {0, 0, 0, 7, 15, 23, 31, 39},
                TemporalSampler.centered(100, 30, new ClipSpec(8, 8), 0.5));
        assertArrayEquals(new long[] {64, 72, 80, 88, 96, 99, 99, 99},
                TemporalSampler.centered(100, 30, new ClipSpec(8, 8), 3.2));
    }

    @Test
    void uniformClipsAsPySlowFast() {
        ClipSpec spec = new ClipSpec(4, 5); // clip_size 20 frames at 30 fps
        assertArrayEquals(new long[] {0, 5, 10, 15}, TemporalSampler.uniform(100, 30, spec, 0, 3));
        assertArrayEquals(new long[] {40, 45, 50, 55}, TemporalSampler.uniform(100, 30, spec, 1, 3));
        assertArrayEquals(new long[] {80, 85, 90, 95}, TemporalSampler.uniform(100, 30, spec, 2, 3));
        // K = 1: the centre clip, start delta/2 = 40
        assertArrayEquals(new long[] {40, 45, 50, 55}, TemporalSampler.uniform(100, 30, spec, 0, 1));
        // video shorter than the clip: delta 0, every clip starts at 0 and the end is clamped
        assertArrayEquals(new long[] {0, 5, 9, 9}, TemporalSampler.uniform(10, 30, spec, 2, 3));
    }

    @Test
    void fpsConversion24To30() {
        // stride 3 at 30 fps = 0.1 s = 2.4 source frames at 24 fps; clip_size = 5*3/30*24 = 12, delta = 228, start 114
        assertArrayEquals(new long[] {114, 116, 119, 121, 124},
                TemporalSampler.uniform(240, 24, new ClipSpec(5, 3), 0, 1));
        // stride 5 at 30 fps = 1/6 s = 4 frames at 24 fps; centre 2 s = frame 48
        assertArrayEquals(new long[] {40, 44, 48, 52}, TemporalSampler.centered(240, 24, new ClipSpec(4, 5), 2.0));
        // and at 60 fps the same clip takes every 10th frame
        assertArrayEquals(new long[] {100, 110, 120, 130}, TemporalSampler.centered(600, 60, new ClipSpec(4, 5), 2.0));
    }

    @Test
    void randomStartIsInRangeAndReproducible() {
        ClipSpec spec = new ClipSpec(13, 6);
        java.util.Set<Long> starts = new java.util.HashSet<>();
        for (int s = 0; s < 50; s++) {
            long[] a = TemporalSampler.indices(300, 30, spec, new Placement.RandomStart(s));
            long[] b = TemporalSampler.indices(300, 30, spec, new Placement.RandomStart(s));
            assertArrayEquals(a, b);
            assertTrue(a[0] >= 0 && a[12] <= 299 - 6, "start within delta: " + a[0]);
            starts.add(a[0]);
            for (int j = 1; j < a.length; j++) {
                assertEquals(6, a[j] - a[j - 1]);
            }
        }
        // consecutive seeds must not give correlated starts (java.util.Random's first draws would)
        assertTrue(starts.size() > 35, "distinct starts over 50 seeds: " + starts.size());
        long[] viaRandom = TemporalSampler.random(300, 30, spec, new Random(3));
        assertEquals(13, viaRandom.length);
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> TemporalSampler.uniform(100, 30, new ClipSpec(4, 5), 3, 3));
        assertThrows(IllegalArgumentException.class, () -> TemporalSampler.centered(0, 30, new ClipSpec(4, 5), 1));
        assertThrows(IllegalArgumentException.class, () -> new ClipSpec(0, 5));
    }
}
