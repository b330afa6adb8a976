package io.x3dava.backbone.train;

import ai.djl.pytorch.jni.JniUtils;

/**
 * Seeds libtorch's generator (dropout masks) before every training forward pass from (run seed, epoch, step, shard)
 * instead of saving the generator's state in checkpoints: DJL exposes torch.manual_seed but not get/set_rng_state,
 * and re-deriving the seed at each step gives the same masks to a run resumed from any checkpoint as to the
 * uninterrupted one. libtorch's CPU generator is one per process (not per thread), so the seed is set on the
 * training thread right before the forward pass; nothing else in the process may draw from it meanwhile (data
 * loading and augmentation use their own Java generators seeded per sample, see {@link SeededSample}).
 */
public final class StepSeeds {

    private StepSeeds() {
    }

    /** A well-mixed 64-bit seed of (seed, epoch, step, shard) (SplitMix64's finaliser on each component). */
    public static long of(long seed, int epoch, int step, int shard) {
        long h = mix(seed);
        h = mix(h ^ epoch);
        h = mix(h ^ step);
        return mix(h ^ shard);
    }

    /** Seeds libtorch's default generator (torch.manual_seed, also every CUDA device's) for one forward pass. */
    public static void seedTorch(long seed, int epoch, int step, int shard) {
        JniUtils.setSeed(of(seed, epoch, step, shard));
    }

    private static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
