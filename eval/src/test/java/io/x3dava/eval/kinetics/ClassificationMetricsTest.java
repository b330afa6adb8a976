package io.x3dava.eval.kinetics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ClassificationMetricsTest {
    @Test
    void topKPerClassAndConfusion() {
        // 6 classes; clip 0 correct, clip 1 true class ranked 3rd, clip 2 ranked 6th
        float[][] s = {
            {.9f, .1f, 0, 0, 0, 0},
            {.5f, .4f, .3f, 0, 0, 0},
            {.1f, .2f, .3f, .4f, .5f, 0},
        };
        int[] y = {0, 2, 5};
        ClassificationMetrics m = ClassificationMetrics.compute(s, y);
        assertEquals(1.0 / 3, m.top1(), 1e-12);
        assertEquals(2.0 / 3, m.top5(), 1e-12);
        assertEquals(1.0, m.perClassAccuracy()[0], 0);
        assertEquals(0.0, m.perClassAccuracy()[2], 0);
        assertEquals(Double.NaN, m.perClassAccuracy()[1]);
        assertEquals(1, m.confusion()[2][0]);
        assertEquals(1, m.confusion()[5][4]);
        assertThrows(IllegalArgumentException.class, () -> ClassificationMetrics.compute(s, new int[] {0, 1, 6}));
    }
}
