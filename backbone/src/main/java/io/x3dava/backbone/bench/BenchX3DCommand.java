package io.x3dava.backbone.bench;

import ai.djl.ndarray.NDManager;

import io.x3dava.annotations.AtomicFiles;
import io.x3dava.backbone.x3d.X3DConfig;
import io.x3dava.backbone.x3d.X3DPresets;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Benchmark: X3D inference clips/s and training steps/s per preset and batch size on the PyTorch engine, the thread
 * settings they ran with, and a leak check (RSS and live NDArrays around many forward passes).
 * scripts/bench_x3d_pytorch.py prints the same table for eager PyTorch.
 */
@Command(name = "bench-x3d", mixinStandardHelpOptions = true,
        description = "Times X3D inference (clips/s) and training (steps/s) for presets and batch sizes; checks for "
                + "memory growth over many forward passes.")
public final class BenchX3DCommand implements Callable<Integer> {

    @Option(names = "--presets", split = ",", defaultValue = "XS,S,M", description = "presets (default: ${DEFAULT-VALUE})")
    List<String> presets;

    @Option(names = "--batches", split = ",", defaultValue = "1,8", description = "batch sizes (default: ${DEFAULT-VALUE})")
    List<Integer> batches;

    @Option(names = "--train-batches", split = ",",
            description = "batch sizes for training steps (default: --batches; 'none' as --no-train)")
    List<String> trainBatches;

    @Option(names = "--train-presets", split = ",",
            description = "presets among --presets whose training steps are timed (default: all of them)")
    List<String> trainPresets;

    @Option(names = "--no-train", description = "inference only")
    boolean noTrain;

    @Option(names = "--no-infer", description = "training only")
    boolean noInfer;

    @Option(names = "--iterations", defaultValue = "5", description = "timed iterations per row (default: ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--warmup", defaultValue = "2", description = "untimed iterations first (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--leak-iterations", defaultValue = "200",
            description = "forward passes of X3D-XS for the memory check; 0 skips it (default: ${DEFAULT-VALUE})")
    int leakIterations;

    @Option(names = "--seed", defaultValue = "0")
    long seed;

    @Option(names = "--json", description = "also write the results to this JSON file (atomically)")
    Path json;

    private final PrintStream out;

    public BenchX3DCommand() {
        this(System.out);
    }

    BenchX3DCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        io.x3dava.annotations.command.OutputPaths.requireFile(json);
        List<X3DConfig> configs = new ArrayList<>();
        for (String p : presets) {
            configs.add(X3DPresets.get(p));
        }
        List<Integer> train = trainBatchSizes();
        List<String> trainNames = new ArrayList<>();
        for (String p : trainPresets != null ? trainPresets : presets) {
            trainNames.add(X3DPresets.get(p).name());
        }
        for (int b : batches) {
            require(b >= 1, "--batches must be >= 1, got " + b);
        }
        require(iterations >= 1, "--iterations must be >= 1, got " + iterations);
        require(warmup >= 0, "--warmup must be >= 0, got " + warmup);
        require(leakIterations >= 0, "--leak-iterations must be >= 0, got " + leakIterations);

        TorchThreads threads = TorchThreads.current();
        out.println(threads.describe());
        out.printf("engine: DJL PyTorch; %d warm-up + %d timed iterations per row%n", warmup, iterations);
        out.println(BenchTable.header());
        List<BenchTable.Row> rows = new ArrayList<>();
        LeakCheck.Result leak = null;
        try (NDManager base = NDManager.newBaseManager()) {
            for (X3DConfig c : configs) {
                try (X3DBenchmark bench = new X3DBenchmark(c, base, seed)) {
                    List<Integer> trainHere = trainNames.contains(c.name()) ? train : List.of();
                    for (int b : batchUnion(trainHere)) {
                        double infer = !noInfer && batches.contains(b)
                                ? bench.inferenceClipsPerSecond(b, warmup, iterations) : Double.NaN;
                        double steps = trainHere.contains(b) ? bench.trainingStepsPerSecond(b, warmup, iterations) : Double.NaN;
                        BenchTable.Row row = new BenchTable.Row(c.name(), b, infer, steps);
                        rows.add(row);
                        out.println(BenchTable.format(row));
                        out.flush();
                    }
                }
            }
            if (leakIterations > 0) {
                leak = LeakCheck.run(base, leakIterations, seed);
                out.println(leak.describe());
            }
        }
        if (json != null) {
            AtomicFiles.writeString(json, toJson(threads, rows, leak));
        }
        return 0;
    }

    private List<Integer> trainBatchSizes() {
        if (noTrain || (trainBatches != null && trainBatches.contains("none"))) {
            return List.of();
        }
        if (trainBatches == null) {
            return batches;
        }
        List<Integer> out = new ArrayList<>();
        for (String s : trainBatches) {
            try {
                out.add(Integer.parseInt(s.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--train-batches: not a batch size: '" + s + "'");
            }
            require(out.get(out.size() - 1) >= 1, "--train-batches must be >= 1, got " + s);
        }
        return out;
    }

    private List<Integer> batchUnion(List<Integer> train) {
        List<Integer> all = new ArrayList<>(noInfer ? List.of() : batches);
        for (int b : train) {
            if (!all.contains(b)) {
                all.add(b);
            }
        }
        return all;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    static String toJson(TorchThreads threads, List<BenchTable.Row> rows, LeakCheck.Result leak) throws Exception {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("engine", "djl-pytorch");
        root.put("threads", threads);
        List<Map<String, Object>> rs = new ArrayList<>();
        for (BenchTable.Row r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("model", r.model());
            m.put("batch", r.batch());
            m.put("infer_clips_per_s", finite(r.inferClipsPerSec()));
            m.put("train_steps_per_s", finite(r.trainStepsPerSec()));
            rs.add(m);
        }
        root.put("rows", rs);
        if (leak != null) {
            Map<String, Object> m = new LinkedHashMap<>(Map.of("iterations", leak.iterations(),
                    "rss_before_kib", leak.rssBeforeKiB(), "rss_after_kib", leak.rssAfterKiB(),
                    "arrays_before", leak.arraysBefore(), "arrays_after", leak.arraysAfter(),
                    "flagged", leak.flagged()));
            root.put("memory", m);
        }
        return io.x3dava.annotations.json.Json.toString(root);
    }

    private static Double finite(double v) {
        return Double.isNaN(v) ? null : v;
    }

}
