package io.x3dava.backbone.video;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Decode benchmark, each row against its anchor, runs interleaved (A, B, A, B...) so a busy machine slows both sides
 * alike; prints the median and the range over runs.
 * <ul>
 * <li>full decode: every frame to RGB, streamed ({@link FrameSource#decodeAll}) vs {@code ffmpeg -threads 2 -i X
 * -pix_fmt rgb24 -f null -} (skipped visibly without an ffmpeg on the PATH);</li>
 * <li>training clips: random-start clips through {@link ClipLoader} vs PySlowFast's PyAV decode (skipped visibly
 * without a python3 that has PyAV and numpy);</li>
 * <li>AVA keyframes: clips centred on keyframes 1 s apart, one video, one thread, the keyframe-sequence reader
 * ({@link SequentialClipLoader}) vs a seek and decode per keyframe ({@link ClipLoader}).</li>
 * </ul>
 */
@Command(name = "bench-decode", mixinStandardHelpOptions = true,
        description = "Benchmark: video decoding (full decode, training clips, AVA keyframe clips) against FFmpeg's CLI"
                + " and PyAV where installed; median and range over interleaved runs.")
public final class BenchDecodeCommand implements Callable<Integer> {
    @Option(names = "--video", description = "video file or frame folder (default: a generated 1280x720 H.264 file,"
            + " 300 frames at 30 fps, GOP 250)")
    Path video;
    @Option(names = "--keep-video", description = "keep the generated video in this file, and reuse it when it"
            + " exists (saves the encoding time of later runs)")
    Path keepVideo;
    @Option(names = "--frames", defaultValue = "13", description = "frames per clip (gamma_t, X3D-S)") int frames;
    @Option(names = "--stride", defaultValue = "6", description = "stride at 30 fps (gamma_tau, X3D-S)") int stride;
    @Option(names = "--short-side", defaultValue = "182",
            description = "clip short side (X3D-S: 160 crop, AVA test size 160 * 128/112 = 183)") int shortSide;
    @Option(names = "--clips", defaultValue = "20", description = "training clips per run") int clips;
    @Option(names = "--runs", defaultValue = "3", description = "interleaved runs per row") int runs;
    @Option(names = "--workers", description = "decoding threads / PyAV processes for the training clips"
            + " (default: available processors)") Integer workers;
    @Option(names = "--seed", defaultValue = "0") long seed;
    @Option(names = "--no-anchors", description = "skip the FFmpeg CLI and PyAV anchors") boolean noAnchors;

    /** Median and range of one row's runs. */
    record Spread(double median, double min, double max) {
        static Spread of(List<Double> xs) {
            double[] s = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double med = s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
            return new Spread(med, s[0], s[s.length - 1]);
        }
    }

    @Override
    public Integer call() throws Exception {
        if (frames < 1 || stride < 1 || clips < 1 || runs < 1 || (workers != null && workers < 1)) {
            throw new IllegalArgumentException("expected --frames, --stride, --clips, --runs and --workers >= 1");
        }
        if (keepVideo != null && Files.isDirectory(keepVideo)) {
            throw new IllegalArgumentException("--keep-video " + keepVideo + ": a directory; expected a video file name");
        }
        io.x3dava.annotations.command.OutputPaths.requireFile(keepVideo);
        if (video != null && !Files.exists(video)) {
            throw new java.nio.file.NoSuchFileException(video.toString());
        }
        int threads = workers != null ? workers : Runtime.getRuntime().availableProcessors();
        Path tmp = Files.createTempDirectory("bench-decode");
        try {
            Path input = video;
            if (input == null && keepVideo != null && Files.isRegularFile(keepVideo)) {
                input = keepVideo;
            } else if (input == null) {
                input = keepVideo != null ? keepVideo : tmp.resolve("bench-720p-h264.mp4");
                long g0 = System.nanoTime();
                BenchVideos.writeH264(input, seed);
                System.out.printf(Locale.ROOT, "generated %s (%dx%d H.264, %d frames at %.0f fps, GOP %d) in %.1f s%n",
                        input, BenchVideos.WIDTH, BenchVideos.HEIGHT, BenchVideos.FRAMES, BenchVideos.FPS,
                        BenchVideos.GOP, (System.nanoTime() - g0) / 1e9);
            }
            long frameCount;
            double fps;
            try (FrameSource src = FrameSources.open(input)) {
                frameCount = src.frameCount();
                fps = src.fps();
                System.out.printf(Locale.ROOT, "input: %s, %dx%d, %.3f fps, %d frames%n", input, src.width(),
                        src.height(), fps, frameCount);
            }
            System.out.printf(Locale.ROOT, "%d available processors (timings vary on a shared machine); %d runs per"
                    + " row, interleaved with the anchor; median (min-max)%n",
                    Runtime.getRuntime().availableProcessors(), runs);
            boolean ffmpeg = !noAnchors && Files.isRegularFile(input) && commandWorks("ffmpeg", "-version");
            String python = noAnchors || !Files.isRegularFile(input) ? null : pythonWithPyAv();
            Path script = python == null ? null : writeScript(tmp);
            if (!ffmpeg) {
                System.out.println("full decode anchor skipped: no ffmpeg on the PATH (apt-get install ffmpeg)");
            }
            if (python == null) {
                System.out.println("training clips anchor skipped: no python3 with PyAV and numpy"
                        + " (apt-get install python3-av; X3DAVA_PYTHON picks the interpreter)");
            }

            List<BenchTiming> javaFull = new ArrayList<>();
            List<BenchTiming> ffmpegFull = new ArrayList<>();
            List<BenchTiming> javaClips = new ArrayList<>();
            List<BenchTiming> pyClips = new ArrayList<>();
            List<BenchTiming> pyLean = new ArrayList<>();
            List<BenchTiming> seq = new ArrayList<>();
            List<BenchTiming> perKey = new ArrayList<>();
            List<ClipRequest> trainRequests = trainingRequests(input);
            List<ClipRequest> keyRequests = keyframeRequests(input, frameCount, fps);
            long[] decoded = new long[1];
            Path in = input;
            for (int r = 0; r < runs; r++) {
                javaFull.add(BenchTiming.java(() -> {
                    try (FrameSource src = FrameSources.open(in)) {
                        decoded[0] = src.decodeAll(0, (i, rgb, h, w) -> { });
                    }
                }));
                if (ffmpeg) {
                    ffmpegFull.add(BenchTiming.process("ffmpeg", "-v", "error", "-threads", "2", "-i",
                            input.toString(), "-pix_fmt", "rgb24", "-f", "null", "-"));
                }
                if (r == 0) {
                    System.out.printf(Locale.ROOT, "  (peak RSS of this JVM after the first full decode: %s)%n",
                            peakRss());
                }
                javaClips.add(BenchTiming.java(() -> loadAll(trainRequests, threads, false)));
                if (python != null) {
                    pyClips.add(pyAv(python, script, "clips", input, threads, r));
                    pyLean.add(pyAv(python, script, "lean", input, threads, r));
                }
                seq.add(BenchTiming.java(() -> loadAll(keyRequests, 1, true)));
                perKey.add(BenchTiming.java(() -> loadAll(keyRequests, 1, false)));
            }
            String full = String.format(Locale.ROOT, "full decode to RGB (%d frames)", decoded[0]);
            BenchTiming.print(full, "java", javaFull, decoded[0], "frames/s", ffmpeg ? "ffmpeg -threads 2" : null,
                    ffmpegFull);
            String train = String.format(Locale.ROOT, "training clips (%dx%d, short side %d, %d random starts, %d"
                    + " threads)", frames, stride, shortSide, clips, threads);
            BenchTiming.print(train, "java", javaClips, clips, "clips/s", python != null
                    ? "PyAV as PySlowFast (" + threads + " processes)" : null, pyClips);
            if (python != null) {
                BenchTiming.print(train, "java", javaClips, clips, "clips/s", "PyAV converting only the kept frames",
                        pyLean);
            }
            String keys = String.format(Locale.ROOT, "AVA keyframe clips (%dx%d, short side %d, %d keyframes 1 s"
                    + " apart, 1 thread)", frames, stride, shortSide, keyRequests.size());
            BenchTiming.print(keys, "sequence", seq, keyRequests.size(), "keyframes/s", "seek + decode per keyframe",
                    perKey);
            return 0;
        } finally {
            try (Stream<Path> files = Files.walk(tmp)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private List<ClipRequest> trainingRequests(Path input) {
        ClipSpec spec = new ClipSpec(frames, stride);
        List<ClipRequest> out = new ArrayList<>();
        for (int i = 0; i < clips; i++) {
            out.add(new ClipRequest(input, spec, new Placement.RandomStart(seed * 1_000_003L + i), shortSide));
        }
        return out;
    }

    /** One clip per whole second whose window lies inside the video (AVA keyframes are 1 s apart). */
    private List<ClipRequest> keyframeRequests(Path input, long frameCount, double fps) {
        ClipSpec spec = new ClipSpec(frames, stride);
        List<ClipRequest> out = new ArrayList<>();
        for (int s = 1; s < frameCount / fps; s++) {
            out.add(new ClipRequest(input, spec, new Placement.Centered(s), shortSide));
        }
        return out;
    }




    /** Decodes every request; a failed clip is an internal error here (the input is generated or checked). */
    private static void loadAll(List<ClipRequest> requests, int threads, boolean sequence) {
        int n;
        int skipped;
        if (sequence) {
            try (SequentialClipLoader loader = new SequentialClipLoader(requests, threads)) {
                n = loader.toList().size();
                skipped = loader.skippedCount();
            }
        } else {
            try (ClipLoader loader = new ClipLoader(requests, threads)) {
                n = loader.toList().size();
                skipped = loader.skippedCount();
            }
        }
        if (skipped > 0 || n != requests.size()) {
            throw new IllegalStateException(skipped + " of " + requests.size() + " clips failed to decode (see the log)");
        }
    }

    private BenchTiming pyAv(String python, Path script, String mode, Path input, int threads, int run)
            throws IOException, InterruptedException {
        return BenchTiming.process(python, script.toString(), mode, input.toString(), String.valueOf(clips),
                String.valueOf(frames), String.valueOf(stride), String.valueOf(shortSide), String.valueOf(seed + run),
                String.valueOf(threads));
    }

    private static Path writeScript(Path dir) throws IOException {
        Path p = dir.resolve("pyav_anchor.py");
        try (InputStream in = BenchDecodeCommand.class.getResourceAsStream("pyav_anchor.py")) {
            if (in == null) {
                throw new IOException("pyav_anchor.py missing from the classpath");
            }
            Files.copy(in, p);
        }
        return p;
    }

    private static String pythonWithPyAv() {
        List<String> candidates = new ArrayList<>();
        String env = System.getenv("X3DAVA_PYTHON");
        if (env != null && !env.isBlank()) {
            candidates.add(env);
        }
        candidates.addAll(Arrays.asList("python3", "/usr/bin/python3"));
        for (String c : candidates) {
            if (commandWorks(c, "-c", "import av, numpy")) {
                return c;
            }
        }
        return null;
    }

    private static boolean commandWorks(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }


    private static String peakRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return String.format(Locale.ROOT, "%.0f MiB", kb / 1024.0);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: no number
        }
        return "unknown";
    }
}
