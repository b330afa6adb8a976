package io.x3dava.backbone.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Times two sides (e.g. the project's X3D and the TorchScript X3D) in one process, round by round: each round runs
 * {@code iterations} of one side then of the other, alternating which goes first, so that load from other processes
 * and thermal drift hit both alike. Per side and round: seconds, minor page faults, and the growth of the peak resident
 * set over the resident set just before that side's iterations (VmHWM reset in between), which attributes peak memory
 * to the side that caused it although both live in one process.
 */
public final class InterleavedRounds {

    /** One unit of work (an inference pass or a training step), closing everything it creates. */
    public interface Side {
        String name();

        void run();
    }

    /** One side's readings in one round. */
    public record Reading(double seconds, long minorFaults, long peakGrowthKiB) {
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
    }

    private InterleavedRounds() {
    }

    public static Result run(List<Side> sides, int warmup, int rounds, int iterations, int itemsPerIteration) {
        if (rounds < 1 || iterations < 1 || warmup < 0) {
            throw new IllegalArgumentException("need rounds >= 1, iterations >= 1, warmup >= 0; got " + rounds + ", "
                    + iterations + ", " + warmup);
        }
        for (Side s : sides) {
            for (int i = 0; i < warmup; i++) {
                s.run();
            }
        }
        List<List<Reading>> readings = new ArrayList<>();
        sides.forEach(s -> readings.add(new ArrayList<>()));
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < sides.size(); k++) {
                int s = (r % 2 == 0) ? k : sides.size() - 1 - k;
                readings.get(s).add(measure(sides.get(s), iterations));
            }
        }
        return new Result(sides.stream().map(Side::name).toList(), readings, iterations, itemsPerIteration);
    }

    private static Reading measure(Side side, int iterations) {
        ProcessMemory.resetPeak();
        long rss0 = ProcessMemory.residentKiB();
        long f0 = ProcessMemory.minorFaults();
        long t0 = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            side.run();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long faults = ProcessMemory.minorFaults() - f0;
        long peak = ProcessMemory.peakResidentKiB();
        return new Reading(seconds, faults, peak >= 0 && rss0 >= 0 ? peak - rss0 : -1);
    }

    /** {min, median, max}. */
    public static double[] minMedianMax(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        double median = s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        return new double[] {s[0], median, s[s.length - 1]};
    }
}
