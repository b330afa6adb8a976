package io.x3dava.eval.ava;

import io.x3dava.annotations.command.ExitCodeException;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Benchmark of {@code eval-ava} on an AVA-val-sized input: 64 videos x 100 keyframes x 10 person boxes x 60 classes =
 * 3.84M detection rows (the size of the measurement), written as official-format files, then evaluated as
 * eval-ava does (read + evaluate, official protocol). Prints rows/s, wall time and the peak resident memory of this
 * process during evaluation; with {@code --official PATH} also runs the ActivityNet get_ava_performance.py on the same
 * files and prints both times, both peak RSS, both mAPs and the speed ratio.
 */
@Command(name = "bench-eval-ava", mixinStandardHelpOptions = true,
        description = {"Times eval-ava on a generated AVA-val-sized input (default 3.84M detection rows) and prints rows/s,"
                + " wall time and peak RSS.",
            "With --official PATH (get_ava_performance.py, needs python3 with numpy) also runs the official evaluator on"
                + " the same files and prints both times, both peak RSS, both mAPs and the ratio.",
            "Run it as eval-ava runs (scripts/x3d-ava gives both -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1)."})
public final class BenchEvalAvaCommand implements Callable<Integer> {
    @Option(names = "--videos", defaultValue = "64") int videos;
    @Option(names = "--keyframes", defaultValue = "100", description = "keyframes per video") int keyframes;
    @Option(names = "--boxes", defaultValue = "10", description = "person boxes per keyframe, each scored for every class")
    int boxes;
    @Option(names = "--classes", defaultValue = "60", description = "classes (AVA v2.2 evaluates 60)") int classes;
    @Option(names = "--seed", defaultValue = "0") long seed;
    @Option(names = "--repeat", defaultValue = "3", description = "evaluations in this process (the first one is cold)")
    int repeat;
    @Option(names = "--official", description = "path to ActivityNet's Evaluation/get_ava_performance.py")
    Path official;
    @Option(names = "--python", defaultValue = "python3", description = "Python with numpy for --official") String python;
    @Option(names = "--keep", description = "write the generated files to this directory and keep them") Path keep;

    private static final Pattern OFFICIAL_MAP = Pattern.compile("mAP@0\\.5IOU'?\\s*:\\s*([-+0-9.eE]+|nan)");
    private static final Pattern MAX_RSS = Pattern.compile("Maximum resident set size \\(kbytes\\):\\s*(\\d+)");

    @Override
    public Integer call() throws Exception {
        if (official != null && (!Files.isRegularFile(official) || Files.size(official) == 0
                || !official.getFileName().toString().endsWith(".py"))) {
            throw new IllegalArgumentException("--official " + official + ": expected the path to ActivityNet's "
                    + "Evaluation/get_ava_performance.py (a non-empty .py file)");
        }
        io.x3dava.annotations.command.OutputPaths.requireFolder(keep);
        if (videos < 1 || keyframes < 1 || boxes < 1 || classes < 1 || repeat < 1) {
            throw new IllegalArgumentException("--videos, --keyframes, --boxes, --classes and --repeat must be positive");
        }
        long rows = (long) videos * keyframes * boxes * classes;
        Path dir = keep != null ? Files.createDirectories(keep) : Files.createTempDirectory("bench-eval-ava");
        Path labels = dir.resolve("labelmap.pbtxt");
        Path gt = dir.resolve("groundtruth.csv");
        Path det = dir.resolve("detections.csv");
        try {
            long t0 = System.nanoTime();
            long gtRows = generate(labels, gt, det);
            System.out.printf(Locale.ROOT, "input: %d videos x %d keyframes x %d boxes x %d classes = %,d detection rows "
                    + "(%,d MiB), %,d GT rows; written in %.1f s%n", videos, keyframes, boxes, classes, rows,
                    Files.size(det) >> 20, gtRows, (System.nanoTime() - t0) / 1e9);
            System.out.printf(Locale.ROOT, "JVM: %d processors, max heap %d MiB%n",
                    Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
            System.gc();
            boolean reset = PeakRss.reset();
            double[] seconds = new double[repeat];
            AvaEvaluationResult r = null;
            for (int i = 0; i < repeat; i++) {
                long cpu0 = cpuNanos();
                long t1 = System.nanoTime();
                r = AvaEvaluator.evaluate(labels, gt, det, null, AvaProtocol.OFFICIAL);
                seconds[i] = (System.nanoTime() - t1) / 1e9;
                // CPU time of the whole process (JIT and GC threads included): on a shared machine the wall time
                // also counts waiting for a core
                double cpu = (cpuNanos() - cpu0) / 1e9;
                System.out.printf(Locale.ROOT, "eval-ava run %d%s: %.2f s wall, %.2f s CPU, %,.0f rows/s%n", i + 1,
                        i == 0 ? " (cold)" : "", seconds[i], cpu, rows / seconds[i]);
            }
            long rss = PeakRss.kib();
            double[] sorted = seconds.clone();
            Arrays.sort(sorted);
            System.out.printf(Locale.ROOT, "eval-ava: median %.2f s (min %.2f, max %.2f), %,.0f rows/s, peak RSS %s%s, "
                    + "mAP %.6f%n", sorted[repeat / 2], sorted[0], sorted[repeat - 1], rows / sorted[repeat / 2],
                    rss < 0 ? "n/a" : (rss >> 10) + " MiB", reset ? "" : " (includes generating the input)", r.meanAp());
            if (official != null) {
                runOfficial(labels, gt, det, seconds[0], rss, r.meanAp());
            }
        } finally {
            if (keep == null) {
                Files.deleteIfExists(labels);
                Files.deleteIfExists(gt);
                Files.deleteIfExists(det);
                Files.deleteIfExists(dir);
            }
        }
        return 0;
    }

    /** Writes the label map, ground truth and detections; returns the number of GT rows. No objects per row. */
    private long generate(Path labels, Path gt, Path det) throws IOException {
        StringBuilder lm = new StringBuilder();
        for (int c = 1; c <= classes; c++) {
            lm.append("item {\n  name: \"action ").append(c).append("\"\n  id: ").append(c).append("\n}\n");
        }
        Files.writeString(labels, lm.toString());
        Random rnd = new Random(seed);
        long gtRows = 0;
        try (OutputStream g = Files.newOutputStream(gt); OutputStream d = Files.newOutputStream(det)) {
            Line gl = new Line(g);
            Line dl = new Line(d);
            int[] box = new int[4];
            for (int v = 0; v < videos; v++) {
                byte[] vid = String.format(Locale.ROOT, "video%03d", v).getBytes(StandardCharsets.US_ASCII);
                for (int k = 0; k < keyframes; k++) {
                    int ts = 902 + k;
                    for (int b = 0; b < boxes; b++) {
                        box[0] = rnd.nextInt(700);
                        box[1] = rnd.nextInt(500);
                        box[2] = box[0] + 100 + rnd.nextInt(200);
                        box[3] = box[1] + 200 + rnd.nextInt(300);
                        // two persons in three have a labelled action, one of the 60 classes
                        if (rnd.nextInt(3) > 0) {
                            gl.prefix(vid, ts, box).integer(1 + rnd.nextInt(classes)).comma().integer(b).end();
                            gtRows++;
                        }
                        for (int c = 1; c <= classes; c++) {
                            dl.prefix(vid, ts, box).integer(c).comma().decimal(rnd.nextInt(1_000_000), 6).end();
                        }
                    }
                }
            }
            gl.flush();
            dl.flush();
        }
        return gtRows;
    }

    /** A reusable byte line writer for the generated CSVs. */
    private static final class Line {
        private final OutputStream out;
        private final byte[] buf = new byte[1 << 16];
        private int n;

        Line(OutputStream out) {
            this.out = out;
        }

        Line prefix(byte[] vid, int ts, int[] box) {
            for (byte b : vid) {
                buf[n++] = b;
            }
            comma().integer(ts).comma();
            for (int i = 0; i < 4; i++) {
                decimal(box[i], 3).comma();
            }
            return this;
        }

        Line comma() {
            buf[n++] = ',';
            return this;
        }

        Line integer(int v) {
            if (v >= 10) {
                integer(v / 10);
            }
            buf[n++] = (byte) ('0' + v % 10);
            return this;
        }

        /** v / 10^digits with exactly {@code digits} decimals, e.g. 0.042 */
        Line decimal(int v, int digits) {
            integer(v / pow10(digits));
            buf[n++] = '.';
            int frac = v % pow10(digits);
            for (int p = pow10(digits - 1); p > 0; p /= 10) {
                buf[n++] = (byte) ('0' + frac / p % 10);
            }
            return this;
        }

        private static int pow10(int d) {
            int p = 1;
            for (int i = 0; i < d; i++) {
                p *= 10;
            }
            return p;
        }

        void end() throws IOException {
            buf[n++] = '\n';
            if (n > buf.length - 256) {
                flush();
            }
        }

        void flush() throws IOException {
            out.write(buf, 0, n);
            n = 0;
        }
    }

    /** Runs the official script under /usr/bin/time -v (for its peak RSS) and compares. */
    private void runOfficial(Path labels, Path gt, Path det, double ours, long oursKib, double oursMap)
            throws Exception {
        if (!pythonHasNumpy()) {
            System.out.println("official: skipped (" + python + " with numpy not found)");
            return;
        }
        List<String> cmd = new ArrayList<>();
        boolean timed = Files.isExecutable(Path.of("/usr/bin/time"));
        if (timed) {
            cmd.addAll(List.of("/usr/bin/time", "-v"));
        }
        cmd.addAll(List.of(python, official.toString(), "-l", labels.toString(), "-g", gt.toString(), "-d",
                det.toString()));
        Path log = Files.createTempFile("official-ava", ".log");
        try {
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(cmd).directory(official.toAbsolutePath().getParent().toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            int code = p.waitFor();
            double seconds = (System.nanoTime() - t0) / 1e9;
            String out = Files.readString(log, StandardCharsets.UTF_8);
            if (code != 0) {
                String last = out.strip().lines().reduce((a, b) -> b).orElse("");
                throw new ExitCodeException(1, "official evaluator exited with " + code + ": " + last);
            }
            Matcher m = OFFICIAL_MAP.matcher(out);
            Matcher rss = MAX_RSS.matcher(out);
            String theirMap = m.find() ? m.group(1) : "n/a";
            long theirKib = rss.find() ? Long.parseLong(rss.group(1)) : -1;
            System.out.printf(Locale.ROOT, "official: %.2f s, peak RSS %s, mAP %s%n", seconds,
                    theirKib < 0 ? "n/a" : (theirKib >> 10) + " MiB", theirMap);
            System.out.printf(Locale.ROOT, "eval-ava is %.1fx faster (its cold first run, as on the command line, vs the"
                    + " official run), peak RSS %s vs %s, mAP %.6f vs %s%n", seconds / ours,
                    oursKib < 0 ? "n/a" : (oursKib >> 10) + " MiB",
                    theirKib < 0 ? "n/a" : (theirKib >> 10) + " MiB", oursMap, theirMap);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static long cpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    private boolean pythonHasNumpy() {
        try {
            Process p = new ProcessBuilder(python, "-c", "import numpy").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
