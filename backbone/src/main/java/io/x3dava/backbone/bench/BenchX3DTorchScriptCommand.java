package io.x3dava.backbone.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.x3dava.annotations.AtomicFiles;
import io.x3dava.backbone.checkpoint.Checkpoints;
import io.x3dava.backbone.classify.ClipLosses;
import io.x3dava.backbone.train.SgdConfig;
import io.x3dava.backbone.train.SgdOptimizer;
import io.x3dava.backbone.x3d.X3DComplexity;
import io.x3dava.backbone.x3d.X3DConfig;
import io.x3dava.backbone.x3d.X3DInference;
import io.x3dava.backbone.x3d.X3DInit;
import io.x3dava.backbone.x3d.X3DNetwork;
import io.x3dava.backbone.x3d.X3DPresets;
import io.x3dava.backbone.x3d.X3DStateDict;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.function.Function;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The project's X3D against the same network as TorchScript (../shared/fixtures/x3d_torchscript), with the same
 * weights, in the same libtorch and process, interleaved round by round with the same threads: clips/s (inference) or
 * steps/s (training: forward with BN in training mode, cross-entropy, backward, one SGD step, on both sides), the
 * ratio's spread over rounds, minor page faults and peak-RSS growth per side, next to the CPU's attainable matmul
 * GFLOP/s and DJL's fixed cost per op.
 */
@Command(name = "bench-x3d-torchscript", mixinStandardHelpOptions = true,
        description = "Times the project's X3D against the same network traced as TorchScript (same weights, same "
                + "libtorch, one process, interleaved rounds); checks first that both compute the same function.")
public final class BenchX3DTorchScriptCommand implements Callable<Integer> {

    /** Which Java network runs the inference side. */
    public enum JavaNet {
        /** {@link X3DInference}: BN folded, intermediates freed as the pass goes (what inference should use). */
        FOLDED,
        /** {@link X3DNetwork#forward} in eval mode: the training network as it is. */
        EVAL
    }

    /** Which sides run (a single side gives that side's absolute peak RSS without the other's weights). */
    public enum Sides {
        BOTH, JAVA, TORCHSCRIPT
    }

    @Option(names = "--torchscript", required = true,
            description = "a trace from ../shared/fixtures/x3d_torchscript, named x3d_<preset>_b<batch>_<T>x<S>_<eval|frozen|train>.pt")
    Path torchscript;

    @Option(names = "--weights", description = "the trace's weights as a state dict (default: "
            + "x3d_xs_s_m_weights_pytorchvideo_keys.pyth beside the trace)")
    Path weights;

    @Option(names = "--batch", description = "batch size (default: the trace's)")
    Integer batch;

    @Option(names = "--rounds", defaultValue = "7", description = "interleaved rounds (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--iterations",
            description = "passes (or steps) per side and round (default: as many as fit in --round-seconds)")
    Integer iterations;

    // 6 s: with 3 s rounds X3D-M held about 10 pairs and the ratio's spread over rounds was 12-17%; with 6 s, 9-11%
    @Option(names = "--round-seconds", defaultValue = "6",
            description = "length of a round (both sides, pass by pass) when --iterations is not given (default: ${DEFAULT-VALUE})")
    double roundSeconds;

    @Option(names = "--warmup", defaultValue = "2", description = "untimed passes per side first (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--warmup-seconds", defaultValue = "15",
            description = "then untimed pairs of passes until this many seconds have passed, so that the JVM's JIT has "
                    + "compiled the Java side (ignored with --iterations; default: ${DEFAULT-VALUE})")
    double warmupSeconds;

    @Option(names = "--java", defaultValue = "FOLDED", description = "Java inference network: ${COMPLETION-CANDIDATES} "
            + "(default: ${DEFAULT-VALUE})")
    JavaNet javaNet;

    @Option(names = "--side", defaultValue = "BOTH", description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    Sides side;

    @Option(names = "--matmul-size", defaultValue = "2048",
            description = "n of the n x n matmul that measures attainable GFLOP/s; 0 skips it (default: ${DEFAULT-VALUE})")
    int matmulSize;

    @Option(names = "--seed", defaultValue = "0")
    long seed;

    @Option(names = "--json", description = "also write the results to this JSON file (atomically)")
    Path json;

    private final PrintStream out;

    public BenchX3DTorchScriptCommand() {
        this(System.out);
    }

    BenchX3DTorchScriptCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        // a bad --json is found before minutes of benchmarking, not after
        io.x3dava.annotations.command.OutputPaths.requireFile(json);
        TraceFile trace = TraceFile.parse(torchscript);
        if (batch != null) {
            require(batch >= 1, "--batch must be >= 1, got " + batch);
            trace = trace.withBatch(batch);
        }
        require(rounds >= 1, "--rounds must be >= 1, got " + rounds);
        require(iterations == null || iterations >= 1, "--iterations must be >= 1, got " + iterations);
        require(roundSeconds > 0, "--round-seconds must be > 0, got " + roundSeconds);
        require(warmup >= 0, "--warmup must be >= 0, got " + warmup);
        require(warmupSeconds >= 0, "--warmup-seconds must be >= 0, got " + warmupSeconds);
        require(matmulSize >= 0, "--matmul-size must be >= 0, got " + matmulSize);
        Path w = weights != null ? weights
                : torchscript.toAbsolutePath().resolveSibling("x3d_xs_s_m_weights_pytorchvideo_keys.pyth");
        X3DConfig base = X3DPresets.get(trace.preset());
        X3DConfig config = base.withClip(trace.frames(), base.samplingRate(), trace.crop());
        boolean training = trace.kind().training();
        Shape input = new Shape(trace.batch(), 3, trace.frames(), trace.crop(), trace.crop());

        out.println(TorchThreads.current().describe());
        out.printf(Locale.ROOT, "trace: %s (%s, %s, input %s); weights %s; java side: %s%n",
                torchscript.getFileName(), config.name(), trace.kind().name().toLowerCase(Locale.ROOT), input,
                w.getFileName(), training ? "X3DNetwork training step" : javaNet.name().toLowerCase(Locale.ROOT));
        Map<String, Object> report = new LinkedHashMap<>();
        try (NDManager root = NDManager.newBaseManager()) {
            double gflops = matmulSize > 0 ? MachineSpeed.matmulGflops(root, matmulSize, 3) : Double.NaN;
            double opMicros = MachineSpeed.microsPerOp(root, 5000);
            out.printf(Locale.ROOT, "machine: %s; DJL fixed cost %.2f us per op (1-element add, result closed)%n",
                    matmulSize == 0 ? "matmul skipped" : String.format(Locale.ROOT,
                            "%dx%d float32 matmul %.1f GFLOP/s (attainable)", matmulSize, matmulSize, gflops),
                    opMicros);
            String allocator = allocatorEnvironment();
            out.println("allocator and OpenMP: " + allocator);
            report.put("allocator", allocator);
            report.put("matmul_gflops", Double.isNaN(gflops) ? null : gflops);
            report.put("djl_us_per_op", opMicros);

            X3DNetwork net = X3DInit.newNetwork(config, root, seed);
            X3DStateDict.load(net.referenceParameters(), Checkpoints.readStateDict(w), true, List.of());
            Engine.getInstance().setRandomSeed((int) seed);
            NDArray clips = root.randomNormal(input);
            NDArray oneHot = oneHot(root, trace.batch(), config.numClasses());
            // a single side loads and runs nothing of the other, so that its process peak RSS is its own
            try (TorchScriptX3D ts = side == Sides.JAVA ? null : TorchScriptX3D.load(torchscript, root, training);
                 X3DInference folded = training || javaNet != JavaNet.FOLDED || side == Sides.TORCHSCRIPT ? null
                         : net.forInference(root)) {
                ParameterStore ps = new ParameterStore(root, false);
                Function<NDArray, NDArray> javaInfer = folded != null
                        ? folded::logits : x -> net.forward(ps, new NDList(x), false).singletonOrThrow();
                if (training) {
                    out.println("agreement: not checked in training mode (dropout and batch statistics)");
                } else if (side != Sides.BOTH) {
                    out.println("agreement: not checked (one side only: --side " + side + ")");
                } else {
                    javaInfer = matchOutput(javaInfer, ts, clips, w, report);
                }
                List<InterleavedRounds.Side> sides = new ArrayList<>();
                try (SgdOptimizer javaOpt = training ? optimizer(net.referenceParameters(),
                        X3DInit.batchNormKeys(net.referenceParameters().keySet()), root) : null;
                     SgdOptimizer tsOpt = training && ts != null ? optimizer(ts.parameters(), ts.batchNormKeys(), root)
                             : null) {
                    if (side != Sides.TORCHSCRIPT) {
                        sides.add(training
                                ? trainSide("java", x -> net.forward(ps, new NDList(x), true).singletonOrThrow(),
                                        javaOpt, clips, oneHot)
                                : inferSide("java", javaInfer, clips));
                    }
                    if (side != Sides.JAVA) {
                        sides.add(training ? trainSide("torchscript", x -> ts.forward(x, true), tsOpt, clips, oneHot)
                                : inferSide("torchscript", x -> ts.forward(x, false), clips));
                    }
                    int items = training ? 1 : trace.batch();
                    InterleavedRounds.Result r = iterations != null
                            ? InterleavedRounds.run(sides, warmup, rounds, iterations, items)
                            : InterleavedRounds.runFor(sides, warmup, warmupSeconds, rounds, roundSeconds, items);
                    out.printf(Locale.ROOT, "%d rounds of %d %s per side, alternating pass by pass%n", rounds, r.iterations(),
                            training ? "steps" : "passes");
                    long macs = X3DComplexity.of(config, trace.frames(), trace.crop(), trace.crop()).flops();
                    print(r, training ? "steps/s" : "clips/s", macs, gflops, training, report);
                }
            }
        }
        if (json != null) {
            AtomicFiles.writeString(json,
                    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
        }
        return 0;
    }

    /**
     * Compares the trace's output with the project's logits and with its probabilities (the fixture README says the
     * eval traces end in PyTorchVideo's softmax; the files at hand output logits), and answers the Java function that
     * computes what the trace computes, so that both sides time the same work.
     */
    private Function<NDArray, NDArray> matchOutput(Function<NDArray, NDArray> javaLogits, TorchScriptX3D ts,
                                                   NDArray clips, Path w, Map<String, Object> report) {
        try (NDManager scope = clips.getManager().newSubManager()) {
            scope.tempAttachAll(clips);
            NDArray logits = javaLogits.apply(clips);
            NDArray probs = logits.softmax(-1);
            NDArray b = ts.forward(clips, false);
            if (!logits.getShape().equals(b.getShape())) {
                throw new IllegalArgumentException(torchscript + ": output " + b.getShape() + " where the project's X3D "
                        + "gives " + logits.getShape() + "; expected an X3D Kinetics trace as in x3d_torchscript/README.md");
            }
            double scale = b.abs().max().getFloat();
            double dLogits = logits.sub(b).abs().max().getFloat();
            double dProbs = probs.sub(b).abs().max().getFloat();
            boolean isLogits = dLogits <= dProbs;
            double diff = Math.min(dLogits, dProbs);
            boolean ok = diff <= 1e-4 * scale;
            out.printf(Locale.ROOT, "agreement: the trace outputs %s; max |java - torchscript| %.2e (max |value| %.3e)%s%n",
                    isLogits ? "logits" : "probabilities", diff, scale, ok ? " ok" : "");
            if (!ok) {
                throw new IllegalArgumentException(w + ": the project's X3D with these weights and " + torchscript
                        + " disagree (max difference " + diff + "); expected the weights the trace was made with");
            }
            report.put("trace_output", isLogits ? "logits" : "probabilities");
            report.put("max_abs_diff", diff);
            return isLogits ? javaLogits : x -> {
                NDArray l = javaLogits.apply(x);
                NDArray p = l.softmax(-1);
                l.close();
                return p;
            };
        }
    }

    private static InterleavedRounds.Side inferSide(String name, Function<NDArray, NDArray> f, NDArray clips) {
        return new InterleavedRounds.Side(name, () -> {
            try (NDManager step = clips.getManager().newSubManager()) {
                step.tempAttachAll(clips);
                f.apply(clips).toFloatArray(); // the result is read, as a caller would
            }
        });
    }

    private static InterleavedRounds.Side trainSide(String name, Function<NDArray, NDArray> forward, SgdOptimizer opt,
                                                    NDArray clips, NDArray oneHot) {
        return new InterleavedRounds.Side(name, () -> {
            try (NDManager step = clips.getManager().newSubManager();
                 GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                step.tempAttachAll(clips, oneHot);
                gc.backward(ClipLosses.softmaxCrossEntropy(forward.apply(clips), oneHot));
            }
            opt.step(0.01);
        });
    }

    private static SgdOptimizer optimizer(Map<String, Parameter> params, java.util.Set<String> noDecay, NDManager m) {
        return new SgdOptimizer(SgdConfig.x3d(5e-5), params, noDecay, m);
    }

    private void print(InterleavedRounds.Result r, String unit, long macs, double gflops, boolean training,
                       Map<String, Object> report) {
        int n = r.names().size();
        StringBuilder head = new StringBuilder("round");
        for (String s : r.names()) {
            head.append(String.format(Locale.ROOT, " %14s %12s %12s", s + "_" + unit, "faults/iter", "peak+KiB"));
        }
        out.println(head);
        for (int i = 0; i < r.readings().get(0).size(); i++) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%5d", i + 1));
            for (int s = 0; s < n; s++) {
                InterleavedRounds.Reading x = r.readings().get(s).get(i);
                line.append(String.format(Locale.ROOT, " %14.3f %12d %12d", r.rates(s)[i],
                        x.minorFaults() / r.iterations(), x.peakGrowthKiB()));
            }
            out.println(line);
        }
        List<Map<String, Object>> sideReports = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            double[] mmm = InterleavedRounds.minMedianMax(r.rates(s));
            // FLOPs of a training step are about 3x the forward's; only inference is compared with the matmul peak
            double achieved = training ? Double.NaN : 2.0 * macs * mmm[1] / 1e9;
            out.printf(Locale.ROOT, "%s: %s min/median/max %.3f / %.3f / %.3f; %.0f minor faults per %s; peak RSS "
                    + "growth %,d KiB (process peak %,d KiB)%s%n", r.names().get(s), unit, mmm[0], mmm[1], mmm[2],
                    r.faultsPerIteration(s), training ? "step" : "pass", r.maxPeakGrowthKiB(s), r.maxPeakKiB(s),
                    training ? "" : String.format(Locale.ROOT,
                            "; %.1f GFLOP/s achieved (%.3f GMAC/clip x 2)%s", achieved, macs / 1e9,
                            Double.isNaN(gflops) ? "" : String.format(Locale.ROOT, ", %.0f%% of the matmul's",
                                    100 * achieved / gflops)));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("side", r.names().get(s));
            m.put("rate_min", mmm[0]);
            m.put("rate_median", mmm[1]);
            m.put("rate_max", mmm[2]);
            m.put("minor_faults_per_iteration", r.faultsPerIteration(s));
            m.put("peak_rss_growth_kib", r.maxPeakGrowthKiB(s));
            m.put("process_peak_rss_kib", r.maxPeakKiB(s));
            sideReports.add(m);
        }
        report.put("unit", unit);
        report.put("sides", sideReports);
        if (n == 2) {
            double[] q = InterleavedRounds.minMedianMax(r.ratios(0, 1));
            long pj = r.maxPeakGrowthKiB(0);
            long pt = r.maxPeakGrowthKiB(1);
            // under load from other processes the least disturbed round of each side is the steadier comparison
            double best = InterleavedRounds.minMedianMax(r.rates(0))[2] / InterleavedRounds.minMedianMax(r.rates(1))[2];
            out.printf(Locale.ROOT, "ratio java/torchscript (%s, per round): min/median/max %.3f / %.3f / %.3f, spread "
                    + "%.1f%% of the median; best round of each %.3f; peak RSS growth java/torchscript %.2f%n", unit,
                    q[0], q[1], q[2], 100 * (q[2] - q[0]) / q[1], best, pt > 0 ? pj / (double) pt : Double.NaN);
            report.put("ratio", Map.of("min", q[0], "median", q[1], "max", q[2], "best_rounds", best));
        }
    }

    /** The environment that tunes glibc's malloc and libgomp's waiting (scripts/x3d-ava sets both). */
    static String allocatorEnvironment() {
        StringBuilder sb = new StringBuilder();
        System.getenv().entrySet().stream().filter(e -> e.getKey().startsWith("MALLOC_")
                        || e.getKey().equals("GLIBC_TUNABLES") || e.getKey().equals("LD_PRELOAD")
                        || e.getKey().startsWith("GOMP_") || e.getKey().startsWith("OMP_"))
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> sb.append(sb.length() > 0 ? " " : "").append(e.getKey()).append('=').append(e.getValue()));
        return sb.length() > 0 ? sb.toString() : "glibc malloc defaults";
    }

    private static NDArray oneHot(NDManager m, int batch, int classes) {
        float[] v = new float[batch * classes];
        Random rng = new Random(0);
        for (int i = 0; i < batch; i++) {
            v[i * classes + rng.nextInt(classes)] = 1f;
        }
        return m.create(v, new Shape(batch, classes));
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
