package io.x3dava.backbone.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import io.x3dava.annotations.AtomicFiles;
import io.x3dava.annotations.command.OutputPaths;
import io.x3dava.backbone.classify.ClassificationTask;
import io.x3dava.backbone.classify.ClassifierOnnx;
import io.x3dava.backbone.onnx.OnnxGraph;
import io.x3dava.backbone.onnx.OnnxMetadata;
import io.x3dava.backbone.onnx.OnnxRuntimeModel;
import io.x3dava.backbone.x3d.X3DConfig;
import io.x3dava.backbone.x3d.X3DInference;
import io.x3dava.backbone.x3d.X3DInit;
import io.x3dava.backbone.x3d.X3DNetwork;
import io.x3dava.backbone.x3d.X3DPresets;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The project's inference network ({@link X3DInference}: BN folded, libtorch) against the same network exported to
 * ONNX ({@link ClassifierOnnx}) and run by ONNX Runtime on the CPU: same weights, same thread count, one process,
 * rounds interleaved pass by pass ({@link InterleavedRounds}); agreement checked first. A user choosing a runtime sees
 * which is faster on this machine.
 */
@Command(name = "bench-x3d-onnx", mixinStandardHelpOptions = true,
        description = "Times the project's X3D inference (libtorch) against the same model exported to ONNX and run"
                + " in ONNX Runtime (CPU, same threads, one process, interleaved rounds); checks agreement first")
public final class BenchX3DOnnxCommand implements Callable<Integer> {

    @Option(names = "--presets", split = ",", defaultValue = "XS,M", description = "presets (default: ${DEFAULT-VALUE})")
    List<String> presets;

    @Option(names = "--batch", defaultValue = "1", description = "clips per pass (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--crop", description = "clip side in pixels (default: each preset's training crop, as the"
            + " X3D paper's cost table)")
    Integer crop;

    @Option(names = "--frames", description = "frames per clip (default: each preset's)")
    Integer frames;

    @Option(names = "--rounds", defaultValue = "7", description = "interleaved rounds (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--iterations", description = "passes per side and round (default: as many as fit in"
            + " --round-seconds)")
    Integer iterations;

    @Option(names = "--round-seconds", defaultValue = "6",
            description = "length of a round when --iterations is not given (default: ${DEFAULT-VALUE})")
    double roundSeconds;

    @Option(names = "--warmup-seconds", defaultValue = "15",
            description = "untimed pairs of passes first, so that both runtimes and the JIT settle (ignored with"
                    + " --iterations; default: ${DEFAULT-VALUE})")
    double warmupSeconds;

    @Option(names = "--seed", defaultValue = "0")
    long seed;

    @Option(names = "--json", description = "also write the results to this JSON file (atomically)")
    Path json;

    @Override
    public Integer call() throws Exception {
        OutputPaths.requireFile(json);
        require(batch >= 1, "--batch must be >= 1, got " + batch);
        require(rounds >= 1, "--rounds must be >= 1, got " + rounds);
        require(iterations == null || iterations >= 1, "--iterations must be >= 1, got " + iterations);
        require(roundSeconds > 0, "--round-seconds must be > 0, got " + roundSeconds);
        require(warmupSeconds >= 0, "--warmup-seconds must be >= 0, got " + warmupSeconds);
        require(crop == null || crop >= 32, "--crop must be >= 32, got " + crop);
        require(frames == null || frames >= 1, "--frames must be >= 1, got " + frames);
        List<X3DConfig> configs = new ArrayList<>();
        for (String p : presets) {
            X3DConfig base = X3DPresets.get(p);
            configs.add(base.withClip(frames != null ? frames : base.numFrames(), base.samplingRate(),
                    crop != null ? crop : base.trainCrop()));
        }
        TorchThreads threads = TorchThreads.current();
        System.out.println(threads.describe() + "; ONNX Runtime intra-op " + threads.intraOp() + ", inter-op 1");
        List<Map<String, Object>> report = new ArrayList<>();
        System.out.printf(Locale.ROOT, "%-8s %5s %-16s %16s %16s %28s%n", "model", "batch", "input", "libtorch_clips/s",
                "onnxrt_clips/s", "ratio libtorch/onnxrt min/med/max");
        for (X3DConfig c : configs) {
            report.add(measure(c, threads.intraOp()));
        }
        if (json != null) {
            AtomicFiles.writeString(json, OnnxMetadata.json(report));
        }
        return 0;
    }

    private Map<String, Object> measure(X3DConfig config, int threads) throws Exception {
        Shape input = new Shape(batch, 3, config.numFrames(), config.trainCrop(), config.trainCrop());
        try (NDManager m = NDManager.newBaseManager()) {
            X3DNetwork net = X3DInit.newNetwork(config, m, seed);
            byte[] model = new ClassifierOnnx(net, ClassificationTask.KINETICS, List.of())
                    .model(OnnxGraph.DEFAULT_OPSET, "bench", m).toByteArray();
            Engine.getInstance().setRandomSeed((int) seed);
            NDArray clips = m.randomNormal(input);
            OnnxRuntimeModel.Tensor clipsTensor = new OnnxRuntimeModel.Tensor(clips.toFloatArray(), input.getShape());
            try (X3DInference folded = net.forInference(m); OnnxRuntimeModel rt = new OnnxRuntimeModel(model, threads)) {
                float[] want;
                try (NDManager s = m.newSubManager()) {
                    s.tempAttachAll(clips);
                    want = folded.scores(clips, false).toFloatArray();
                }
                float[] got = rt.run(Map.of("clips", clipsTensor)).get("probs").values();
                double diff = 0;
                double scale = 0;
                for (int i = 0; i < want.length; i++) {
                    diff = Math.max(diff, Math.abs(got[i] - want[i]));
                    scale = Math.max(scale, Math.abs(want[i]));
                }
                if (diff > 1e-4 * scale) {
                    throw new IllegalStateException("ONNX Runtime and the project disagree on " + config.name()
                            + ": max difference " + diff);
                }
                InterleavedRounds.Side torch = new InterleavedRounds.Side("libtorch", () -> {
                    try (NDManager s = m.newSubManager()) {
                        s.tempAttachAll(clips);
                        folded.scores(clips, false).toFloatArray(); // read, as a caller would
                    }
                });
                InterleavedRounds.Side ort = new InterleavedRounds.Side("onnxruntime", () -> {
                    try {
                        rt.run(Map.of("clips", clipsTensor));
                    } catch (ai.onnxruntime.OrtException e) {
                        throw new IllegalStateException(e);
                    }
                });
                List<InterleavedRounds.Side> sides = List.of(torch, ort);
                InterleavedRounds.Result r = iterations != null
                        ? InterleavedRounds.run(sides, 1, rounds, iterations, batch)
                        : InterleavedRounds.runFor(sides, 1, warmupSeconds, rounds, roundSeconds, batch);
                double[] a = InterleavedRounds.minMedianMax(r.rates(0));
                double[] b = InterleavedRounds.minMedianMax(r.rates(1));
                double[] q = InterleavedRounds.minMedianMax(r.ratios(0, 1));
                String in = config.numFrames() + "x" + config.trainCrop() + "^2";
                System.out.printf(Locale.ROOT, "%-8s %5d %-16s %16.3f %16.3f %12.3f / %.3f / %.3f%n", config.name(),
                        batch, in, a[1], b[1], q[0], q[1], q[2]);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("model", config.name());
                row.put("batch", batch);
                row.put("input", in);
                row.put("max_abs_diff", diff);
                row.put("rounds", rounds);
                row.put("passes_per_round", r.iterations());
                row.put("libtorch_clips_per_s", a);
                row.put("onnxruntime_clips_per_s", b);
                row.put("ratio_libtorch_over_onnxruntime", q);
                return row;
            }
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
