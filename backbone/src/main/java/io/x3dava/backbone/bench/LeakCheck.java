package io.x3dava.backbone.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import io.x3dava.backbone.x3d.X3DPresets;

import java.util.Locale;

/**
 * Memory check: resident set size and the number of live NDArrays under the base manager before and after many
 * eval-mode forward passes of X3D-XS at batch 1. A per-iteration leak of even one array or one activation shows as
 * growth; allocator caching is excluded by a few untimed passes before the first reading.
 */
public final class LeakCheck {

    /** Growth beyond this fraction is flagged. */
    public static final double THRESHOLD = 0.05;

    private static final int SETTLE = 5;

    /** Readings and the verdict. */
    public record Result(int iterations, long rssBeforeKiB, long rssAfterKiB, int arraysBefore, int arraysAfter) {

        public double rssGrowth() {
            return rssBeforeKiB > 0 ? (rssAfterKiB - rssBeforeKiB) / (double) rssBeforeKiB : Double.NaN;
        }

        public double arrayGrowth() {
            return arraysBefore > 0 ? (arraysAfter - arraysBefore) / (double) arraysBefore : Double.NaN;
        }

        public boolean flagged() {
            return rssGrowth() > THRESHOLD || arrayGrowth() > THRESHOLD;
        }

        public String describe() {
            return String.format(Locale.ROOT, "memory: %d forward passes of X3D-XS (batch 1): VmRSS %,d -> %,d KiB (%+.1f%%),"
                    + " live NDArrays %d -> %d (%+.1f%%)%s", iterations, rssBeforeKiB, rssAfterKiB, 100 * rssGrowth(),
                    arraysBefore, arraysAfter, 100 * arrayGrowth(),
                    flagged() ? "  WARNING: growth > " + Math.round(100 * THRESHOLD) + "%, possible leak" : "  ok");
        }
    }

    private LeakCheck() {
    }

    public static Result run(NDManager base, int iterations, long seed) {
        if (iterations < 1) {
            throw new IllegalArgumentException("--leak-iterations must be >= 1, got " + iterations);
        }
        try (X3DBenchmark bench = new X3DBenchmark(X3DPresets.get("XS"), base, seed);
             NDManager inputs = base.newSubManager()) {
            NDArray clip = bench.randomClips(inputs, 1);
            for (int i = 0; i < SETTLE; i++) {
                bench.infer(clip);
            }
            System.gc();
            long rss0 = ProcessMemory.residentKiB();
            int arrays0 = base.getManagedArrays().size();
            for (int i = 0; i < iterations; i++) {
                bench.infer(clip);
            }
            System.gc();
            return new Result(iterations, rss0, ProcessMemory.residentKiB(), arrays0, base.getManagedArrays().size());
        }
    }
}
