package io.x3dava.detector.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.x3dava.backbone.train.ScheduleConfig;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The demo's schedules for any epoch count the demo accepts (1 epoch each used to fail: warm-up = the whole run). */
class MainJobWarmupTest {
    @Test
    void oneEpochGetsHalfAnEpochOfWarmUpAndLongerRunsOne() {
        assertEquals(0.5, MainJob.warmup(1));
        assertEquals(1.0, MainJob.warmup(2));
        assertEquals(1.0, MainJob.warmup(10));
        for (int epochs : List.of(1, 2, 8)) {
            ScheduleConfig pretrain = ScheduleConfig.cosine(0.05, epochs, MainJob.warmup(epochs), 0.005);
            ScheduleConfig ava = ScheduleConfig.steps(0.05, epochs, List.of(0.0, 0.7 * epochs), List.of(1.0, 0.1),
                    MainJob.warmup(epochs), 0.005);
            assertEquals(MainJob.warmup(epochs), pretrain.warmupEpochs());
            assertEquals(MainJob.warmup(epochs), ava.warmupEpochs());
        }
    }
}
