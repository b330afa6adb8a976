package io.x3dava.backbone.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.Arrays;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Step seeds are SplitMix64's finaliser chained over (seed, epoch, step, shard), as the JDK's SplittableRandom. */
class StepSeedsTest {

    /** The first output of SplitMix64 seeded with z (the JDK: mix64(z + golden gamma)). */
    private static long splitMix(long z) {
        return new SplittableRandom(z).nextLong();
    }

    @Test
    void chainsSplitMix64OverTheFourComponents() {
        for (long seed : new long[] {0, 1, -7, 123456789L}) {
            for (int epoch : new int[] {0, 3}) {
                for (int step : new int[] {0, 1, 1000}) {
                    for (int shard : new int[] {0, 1}) {
                        long want = splitMix(splitMix(splitMix(splitMix(seed) ^ epoch) ^ step) ^ shard);
                        assertEquals(want, StepSeeds.of(seed, epoch, step, shard));
                    }
                }
            }
        }
    }

    @Test
    void everyStepOfARunHasItsOwnSeed() {
        Set<Long> seen = new HashSet<>();
        for (int epoch = 0; epoch < 20; epoch++) {
            for (int step = 0; step < 200; step++) {
                for (int shard = 0; shard < 2; shard++) {
                    seen.add(StepSeeds.of(0, epoch, step, shard));
                }
            }
        }
        assertEquals(20 * 200 * 2, seen.size());
    }

    /** libtorch's random numbers (dropout masks) after seeding one step. */
    private static float[] torchDrawsAfterSeeding(NDManager m, int step) {
        StepSeeds.seedTorch(42, 1, step, 0);
        return m.randomUniform(0, 1, new Shape(8)).toFloatArray();
    }

    @Test
    void seedingTorchMakesAStepsRandomNumbersRepeatable() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] first = torchDrawsAfterSeeding(m, 5);
            float[] other = torchDrawsAfterSeeding(m, 6);
            float[] again = torchDrawsAfterSeeding(m, 5);
            assertArrayEquals(first, again);
            assertFalse(Arrays.equals(first, other));
        }
    }
}
