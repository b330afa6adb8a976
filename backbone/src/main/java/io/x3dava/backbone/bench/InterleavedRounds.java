package io.x3dava.backbone.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Times two sides (e.g. the project's X3D and the TorchScript X3D) in one process, pass by pass: each round runs
 * {@code iterations} pairs, one pass of each side, alternating which goes first (AB BA AB ...), so that both see the
 * same machine. On the shared 2-core machine the speed of both sides drifted by up to 2x within seconds (other guests'
 * load); whole-round blocks of one side then the other turned that drift into 20-50% swings of the ratio. Per side and
 * round: the summed seconds of its passes (the /proc accounting is outside the timed region), minor page faults, and
 * the largest growth of the peak resident set over the resident set just before one of its passes (VmHWM is reset
 * before every pass), which attributes peak memory to the side that caused it although both live in one process.
 */
public final class InterleavedRounds {

    /** One unit of work (an inference pass or a training step) under a name; the pass closes everything it creates. */
    public record Side(String name, Runnable pass) {
        void run() {
            pass.run();
        }
    }

    /** One side's readings in one round. */
    public record Reading(double seconds, long minorFaults, long peakGrowthKiB, long peakKiB) {
    }

    /** Readings per side, round by round; {@code perRound} items (clips or steps) per side and round. */
    public record Result(List<String> names, List<List<Reading>> readings, int iterations, int itemsPerIteration) {

        /** Items per second of side {@code s} in each round. */
        public double[] rates(int s) {
            return readings.get(s).stream().mapToDouble(r -> iterations * (double) itemsPerIteration / r.seconds())
                    .toArray();
        }

        /** rate(a) / rate(b) in each round. */
        public double[] ratios(int a, int b) {
            double[] ra = rates(a);
            double[] rb = rates(b);
            double[] out = new double[ra.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = ra[i] / rb[i];
            }
            return out;
        }

        public double faultsPerIteration(int s) {
            return readings.get(s).stream().mapToLong(Reading::minorFaults).average().orElse(Double.NaN) / iterations;
        }

        public long maxPeakGrowthKiB(int s) {
            return readings.get(s).stream().mapToLong(Reading::peakGrowthKiB).max().orElse(-1);
        }

        /** The process's largest resident set during side {@code s}'s passes (run one side alone to compare). */
        public long maxPeakKiB(int s) {
            return readings.get(s).stream().mapToLong(Reading::peakKiB).max().orElse(-1);
        }
    }

    private InterleavedRounds() {
    }

    /**
     * As {@link #run(List, int, int, int, int)} with the pairs per round chosen after the warm-up so that a round lasts
     * about {@code roundSeconds}; the warm-up is {@code warmup} passes per side, then pairs until {@code warmupSeconds}
     * have passed.
     */
    public static Result runFor(List<Side> sides, int warmup, double warmupSeconds, int rounds, double roundSeconds,
                                int itemsPerIteration) {
        if (!(roundSeconds > 0) || !(warmupSeconds >= 0)) {
            throw new IllegalArgumentException("need round seconds > 0 and warm-up seconds >= 0, got " + roundSeconds
                    + ", " + warmupSeconds);
        }
        long until = System.nanoTime() + (long) (warmupSeconds * 1e9);
        warmUp(sides, Math.max(1, warmup));
        // The JVM compiles DJL's per-op code with C2 only after thousands of calls, and while it compiles it takes a
        // core from libtorch: X3D-XS b1 measured 0.80-0.82 of TorchScript after 2 warm-up passes, 0.88-0.91 after 150.
        while (System.nanoTime() < until) {
            warmUp(sides, 1);
        }
        double pair = 0;
        for (Side s : sides) {
            long t0 = System.nanoTime();
            s.run();
            pair += (System.nanoTime() - t0) / 1e9;
        }
        // at least four pairs: a round of two training steps per side swung by 27%
        int iterations = (int) Math.max(4, Math.min(10_000, Math.round(roundSeconds / pair)));
        return run(sides, 0, rounds, iterations, itemsPerIteration);
    }

    public static Result run(List<Side> sides, int warmup, int rounds, int iterations, int itemsPerIteration) {
        if (rounds < 1 || iterations < 1 || warmup < 0) {
            throw new IllegalArgumentException("need rounds >= 1, iterations >= 1, warmup >= 0; got " + rounds + ", "
                    + iterations + ", " + warmup);
        }
        warmUp(sides, warmup);
        List<List<Reading>> readings = new ArrayList<>();
        sides.forEach(s -> readings.add(new ArrayList<>()));
        int n = sides.size();
        for (int r = 0; r < rounds; r++) {
            double[] seconds = new double[n];
            long[] faults = new long[n];
            long[] peak = new long[n];
            long[] absolute = new long[n];
            Arrays.fill(peak, -1);
            Arrays.fill(absolute, -1);
            for (int i = 0; i < iterations; i++) {
                for (int k = 0; k < n; k++) {
                    int s = ((r * iterations + i) % 2 == 0) ? k : n - 1 - k;
                    Reading one = measure(sides.get(s));
                    seconds[s] += one.seconds();
                    faults[s] += one.minorFaults();
                    peak[s] = Math.max(peak[s], one.peakGrowthKiB());
                    absolute[s] = Math.max(absolute[s], one.peakKiB());
                }
            }
            for (int s = 0; s < n; s++) {
                readings.get(s).add(new Reading(seconds[s], faults[s], peak[s], absolute[s]));
            }
        }
        return new Result(sides.stream().map(Side::name).toList(), readings, iterations, itemsPerIteration);
    }

    private static void warmUp(List<Side> sides, int warmup) {
        for (Side s : sides) {
            for (int i = 0; i < warmup; i++) {
                s.run();
            }
        }
    }

    private static Reading measure(Side side) {
        ProcessMemory.resetPeak();
        long rss0 = ProcessMemory.residentKiB();
        long f0 = ProcessMemory.minorFaults();
        long t0 = System.nanoTime();
        side.run();
        double seconds = (System.nanoTime() - t0) / 1e9;
        long faults = ProcessMemory.minorFaults() - f0;
        long peak = ProcessMemory.peakResidentKiB();
        return new Reading(seconds, faults, peak >= 0 && rss0 >= 0 ? peak - rss0 : -1, peak);
    }

    /** {min, median, max}. */
    public static double[] minMedianMax(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        double median = s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        return new double[] {s[0], median, s[s.length - 1]};
    }
}
