package io.x3dava.backbone.video;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Wall and CPU seconds of one benchmark run. CPU time (all threads of this JVM, or a child process and its children)
 * is the steadier number on a loaded machine, where wall time mostly measures waiting for a core.
 */
record BenchTiming(double wall, double cpu) {

    @FunctionalInterface
    interface Work {
        void run() throws Exception;
    }

    /** Times work run in this JVM. */
    static BenchTiming java(Work work) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long c0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        work.run();
        return new BenchTiming((System.nanoTime() - t0) / 1e9, (os.getProcessCpuTime() - c0) / 1e9);
    }

    /**
     * Times a command (no shell quoting: the arguments go through "$@"); CPU from bash's {@code times} for its
     * children. If the command's last output line is "name count seconds", those seconds are the wall time (the
     * command's own timer, without interpreter start-up).
     */
    static BenchTiming process(String... cmd) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(List.of("bash", "-c", "\"$@\"; rc=$?; times >&2; exit $rc", "bash"));
        full.addAll(List.of(cmd));
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(full).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        double wall = (System.nanoTime() - t0) / 1e9;
        String[] errLines = err.strip().split("\n");
        if (rc != 0 || errLines.length < 2) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed (exit " + rc + "): " + err.strip());
        }
        String[] children = errLines[errLines.length - 1].trim().split("\\s+");
        double cpu = seconds(children[0]) + seconds(children[1]);
        String[] lines = out.strip().split("\n");
        String[] f = lines[lines.length - 1].trim().split("\\s+");
        if (f.length == 3 && f[2].matches("[0-9.]+")) {
            wall = Double.parseDouble(f[2]);
        }
        return new BenchTiming(wall, cpu);
    }

    /** bash's times format: 1m2.345s. */
    private static double seconds(String t) {
        int m = t.indexOf('m');
        return Integer.parseInt(t.substring(0, m)) * 60 + Double.parseDouble(t.substring(m + 1, t.length() - 1));
    }

    /**
     * One row: A's rate (count / wall) and CPU seconds against B's (anchor), median and range over runs; ratios of the
     * medians (rate: A / B, so > 1 = A faster; CPU: B / A, so > 1 = A uses less CPU).
     */
    static void print(String label, String a, List<BenchTiming> as, double count, String unit, String b,
                      List<BenchTiming> bs) {
        StringBuilder line = new StringBuilder(label).append(": ").append(a).append(' ').append(describe(as, count, unit));
        if (b == null) {
            line.append(" | anchor skipped");
        } else {
            line.append(" | ").append(b).append(' ').append(describe(bs, count, unit));
            line.append(String.format(Locale.ROOT, " | %s/anchor: %.2fx rate, %.2fx less CPU", a,
                    rate(as, count).median() / rate(bs, count).median(),
                    cpu(bs).median() / cpu(as).median()));
        }
        System.out.println(line);
    }

    private static String describe(List<BenchTiming> ts, double count, String unit) {
        BenchDecodeCommand.Spread r = rate(ts, count);
        BenchDecodeCommand.Spread c = cpu(ts);
        return String.format(Locale.ROOT, "%.2f %s (%.2f-%.2f), CPU %.2f s (%.2f-%.2f)", r.median(), unit, r.min(),
                r.max(), c.median(), c.min(), c.max());
    }

    static BenchDecodeCommand.Spread rate(List<BenchTiming> ts, double count) {
        return BenchDecodeCommand.Spread.of(ts.stream().map(t -> count / t.wall()).toList());
    }

    private static BenchDecodeCommand.Spread cpu(List<BenchTiming> ts) {
        return BenchDecodeCommand.Spread.of(ts.stream().map(BenchTiming::cpu).toList());
    }
}
