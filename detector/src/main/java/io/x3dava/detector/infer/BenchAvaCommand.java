package io.x3dava.detector.infer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

import io.x3dava.backbone.video.BenchVideos;
import io.x3dava.backbone.video.ClipRequest;
import io.x3dava.backbone.video.ClipSpec;
import io.x3dava.backbone.video.ClipTransforms;
import io.x3dava.backbone.video.FrameSource;
import io.x3dava.backbone.video.FrameSources;
import io.x3dava.backbone.video.LoadedClip;
import io.x3dava.backbone.video.Placement;
import io.x3dava.backbone.video.SequentialClipLoader;
import io.x3dava.backbone.x3d.X3DInference;
import io.x3dava.backbone.x3d.X3DPresets;
import io.x3dava.detector.model.AvaDetector;
import io.x3dava.detector.model.DetectorConfig;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Keyframes per second of AVA inference (one backbone pass per keyframe clip plus the box head for its person boxes)
 * on this machine's CPU, at the test input of each preset (gamma_t frames, short side 128 gamma_s, paper section 5),
 * with the time split into backbone, RoIAlign + head and clip decoding (keyframe-sequence reader on a video, 1 s
 * between keyframes), and the end-to-end rate with decoding on its own thread (decode hidden behind the backbone when
 * the end-to-end rate matches the model-only one).
 */
@Command(name = "bench-ava", mixinStandardHelpOptions = true,
        description = "Benchmark: AVA inference keyframes/s (backbone + head), split into backbone / RoIAlign+head /"
                + " decode, and end to end from a video")
public final class BenchAvaCommand implements Callable<Integer> {

    @Option(names = "--presets", split = ",", defaultValue = "S,M")
    String[] presets;

    @Option(names = "--boxes", defaultValue = "8", description = "person boxes per keyframe (AVA val averages ~6)")
    int boxes;

    @Option(names = "--iterations", defaultValue = "10")
    int iterations;

    @Option(names = "--warmup", defaultValue = "2")
    int warmup;

    @Option(names = "--video", description = "video for the decode and end-to-end columns (default: a generated"
            + " 1280x720 H.264 file, 300 frames, GOP 250)")
    Path video;

    @Option(names = "--no-decode", description = "model only: skip the decode and end-to-end columns")
    boolean noDecode;

    @Override
    public Integer call() throws Exception {
        if (boxes < 1 || iterations < 1 || warmup < 0) {
            throw new IllegalArgumentException("expected --boxes and --iterations >= 1, --warmup >= 0");
        }
        Path tmp = null;
        Path input = video;
        if (!noDecode && input == null) {
            tmp = Files.createTempDirectory("bench-ava");
            input = tmp.resolve("bench-720p-h264.mp4");
            BenchVideos.writeH264(input, 0);
        }
        try {
            System.out.printf(Locale.ROOT, "AVA inference on CPU, %d cores, %d boxes per keyframe, batch 1%s%n",
                    Runtime.getRuntime().availableProcessors(), boxes,
                    noDecode ? "" : "; decoding from " + describe(input) + ", keyframes 1 s apart");
            System.out.printf(Locale.ROOT, "%-8s %-12s %11s %11s %11s %11s %11s %9s %9s %11s%n", "preset", "input",
                    "keyframes/s", "ms/keyframe", "backbone", "roi+head", "decode", "dec/bb", "cpu d/bb",
                    "end-to-end");
            for (String p : presets) {
                row(DetectorConfig.paper(X3DPresets.get(p), 80), input);
            }
            System.out.println("ms per keyframe (wall); decode = keyframe-sequence reader, 1 thread, alone; dec/bb = decode"
                    + " / backbone wall time, cpu d/bb = the same in process CPU time (steadier on a busy machine);"
                    + " end-to-end = keyframes/s with decoding on its own thread, transforms included");
            return 0;
        } finally {
            if (tmp != null) {
                Files.deleteIfExists(input);
                Files.deleteIfExists(tmp);
            }
        }
    }

    private static String describe(Path input) throws IOException {
        try (FrameSource s = FrameSources.open(input)) {
            return String.format(Locale.ROOT, "%dx%d %.2f fps", s.width(), s.height(), s.fps());
        }
    }

    private void row(DetectorConfig cfg, Path input) throws Exception {
        int t = cfg.backbone().numFrames();
        int s = cfg.testSize();
        try (NDManager m = NDManager.newBaseManager()) {
            AvaDetector d = AvaDetector.create(cfg, m, 0);
            ParameterStore ps = new ParameterStore(m, false);
            X3DInference folded = d.forInference(ps, m.getDevice(), m); // as AvaInference and detect-video run it
            float[] b = boxes(s);
            long backbone = 0;
            long head = 0;
            double backboneCpu = 0;
            for (int i = 0; i < warmup + iterations; i++) {
                try (NDManager it = m.newSubManager()) {
                    NDArray clip = it.randomNormal(new Shape(1, 3, t, s, s));
                    double c0 = cpuSeconds();
                    long t0 = System.nanoTime();
                    NDArray f = folded.features(clip);
                    long t1 = System.nanoTime();
                    double c1 = cpuSeconds();
                    d.classify(ps, f, it.create(b, new Shape(boxes, 5)), false).getNDArrayInternal().sigmoid()
                            .toFloatArray();
                    long t2 = System.nanoTime();
                    if (i >= warmup) {
                        backboneCpu += c1 - c0;
                        backbone += t1 - t0;
                        head += t2 - t1;
                    }
                }
            }
            double bbMs = backbone / 1e6 / iterations;
            double headMs = head / 1e6 / iterations;
            double total = bbMs + headMs;
            String decode = "-";
            String ratio = "-";
            String cpuRatio = "-";
            String endToEnd = "-";
            if (!noDecode) {
                List<ClipRequest> requests = keyframes(input, new ClipSpec(t, cfg.backbone().samplingRate()), s);
                double c0 = cpuSeconds();
                double decMs = decodeMs(requests);
                double decCpu = (cpuSeconds() - c0) / requests.size();
                decode = String.format(Locale.ROOT, "%.1f", decMs);
                ratio = String.format(Locale.ROOT, "%.2f", decMs / bbMs);
                cpuRatio = String.format(Locale.ROOT, "%.2f", decCpu / (backboneCpu / iterations));
                endToEnd = String.format(Locale.ROOT, "%.2f", endToEnd(d, folded, ps, requests, b, s));
            }
            System.out.printf(Locale.ROOT, "%-8s %-12s %11.2f %11.1f %11.1f %11.1f %11s %9s %9s %11s%n",
                    cfg.backbone().name(), t + "x" + s + "x" + s, 1000 / total, total, bbMs, headMs, decode, ratio,
                    cpuRatio, endToEnd);
        }
    }

    private float[] boxes(int s) {
        float[] b = new float[boxes * 5];
        for (int i = 0; i < boxes; i++) {
            float x = (float) (i * s / (boxes + 1.0));
            b[i * 5 + 1] = x;
            b[i * 5 + 2] = s * 0.2f;
            b[i * 5 + 3] = x + s / 4f;
            b[i * 5 + 4] = s * 0.9f;
        }
        return b;
    }

    private static double cpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    /** One centred clip per whole second of the video, decoded at the test short side. */
    private static List<ClipRequest> keyframes(Path input, ClipSpec spec, int shortSide) throws IOException {
        double seconds;
        try (FrameSource src = FrameSources.open(input)) {
            seconds = src.frameCount() / src.fps();
        }
        List<ClipRequest> out = new ArrayList<>();
        for (int k = 1; k < seconds; k++) {
            out.add(new ClipRequest(input, spec, new Placement.Centered(k), shortSide));
        }
        return out;
    }

    private static double decodeMs(List<ClipRequest> requests) {
        long t0 = System.nanoTime();
        try (SequentialClipLoader loader = new SequentialClipLoader(requests, 1)) {
            int n = loader.toList().size();
            if (n != requests.size()) {
                throw new IllegalStateException((requests.size() - n) + " keyframe clips failed to decode");
            }
        }
        return (System.nanoTime() - t0) / 1e6 / requests.size();
    }

    /** Decode (worker thread) + transform + backbone + head, keyframe by keyframe; keyframes/s. */
    private double endToEnd(AvaDetector d, X3DInference backbone, ParameterStore ps, List<ClipRequest> requests,
                            float[] b, int s) {
        long t0 = System.nanoTime();
        int n = 0;
        try (SequentialClipLoader loader = new SequentialClipLoader(requests, 1); NDManager m = NDManager.newBaseManager()) {
            while (loader.hasNext()) {
                LoadedClip c = loader.next();
                try (NDManager it = m.newSubManager()) {
                    NDArray clip = ClipTransforms.test(c.clip().toNDArray(it), s, s, ClipTransforms.CENTER).clip()
                            .expandDims(0);
                    NDArray f = backbone.features(clip);
                    d.classify(ps, f, it.create(b, new Shape(boxes, 5)), false).getNDArrayInternal().sigmoid()
                            .toFloatArray();
                }
                n++;
            }
        }
        return n / ((System.nanoTime() - t0) / 1e9);
    }
}
