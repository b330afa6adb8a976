package io.x3dava.detector.export;

import ai.djl.ndarray.NDManager;

import ai.onnx.proto.OnnxMl;

import io.x3dava.annotations.command.OutputPaths;
import io.x3dava.annotations.json.Json;
import io.x3dava.backbone.classify.ClassifierOnnx;
import io.x3dava.backbone.classify.TrainedModel;
import io.x3dava.backbone.onnx.OnnxGraph;
import io.x3dava.backbone.train.CheckpointStore;
import io.x3dava.detector.model.DetectorCheckpoint;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code export-onnx}: a classifier or AVA detector checkpoint as an ONNX model for ONNX Runtime, TensorRT, .... */
@Command(name = "export-onnx", mixinStandardHelpOptions = true,
        description = "Export a trained X3D classifier or AVA detector to ONNX (BN folded, standard operators only,"
                + " PySlowFast key names, class names and preprocessing in the metadata)")
public final class ExportOnnxCommand implements Callable<Integer> {

    /** Exactly one source of weights. */
    static final class Source {
        @Option(names = "--checkpoint", required = true, paramLabel = "DIR", description = "checkpoint folder"
                + " (epoch_NNNN/ or best/ of pretrain, finetune-charades or train-ava) or a run folder (newest"
                + " checkpoint); config.json says classifier or detector")
        Path checkpoint;

        @Option(names = "--weights", required = true, paramLabel = "FILE",
                description = "bare classifier weights (.pyth from PySlowFast or PyTorchVideo, .safetensors); needs"
                        + " --preset")
        Path weights;
    }

    @ArgGroup(multiplicity = "1")
    Source source;

    @Option(names = "--preset", description = "X3D preset of --weights (XS, S, M, L, XL: they share weight shapes"
            + " but not clip sizes, so it is never guessed)")
    String preset;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "the .onnx file to write")
    Path out;

    @Option(names = "--opset", defaultValue = "" + OnnxGraph.DEFAULT_OPSET,
            description = "ONNX opset, " + OnnxGraph.MIN_OPSET + ".." + OnnxGraph.MAX_OPSET + " (default: ${DEFAULT-VALUE})")
    int opset;

    PrintStream stdout = System.out;

    @Override
    public Integer call() throws Exception {
        OutputPaths.requireFile(out);
        new OnnxGraph("check", opset); // a bad --opset is bad input before anything is read
        String version = Optional.ofNullable(getClass().getPackage().getImplementationVersion()).orElse("dev");
        try (NDManager m = NDManager.newBaseManager()) {
            OnnxMl.ModelProto model;
            String what;
            if (source.weights != null) {
                if (preset == null) {
                    throw new IllegalArgumentException(source.weights + ": bare weights need --preset (XS, S, M, L,"
                            + " XL)");
                }
                ClassifierOnnx c = ClassifierOnnx.fromWeights(source.weights, preset, m);
                model = c.model(opset, version, m);
                what = c.network().config().name() + " classifier, " + c.network().config().numClasses()
                        + " classes (no names: bare weights carry none)";
            } else {
                if (preset != null) {
                    throw new IllegalArgumentException("--preset is for --weights; a checkpoint's config.json names"
                            + " its network");
                }
                Path dir = checkpointDir(source.checkpoint);
                if (dir != null && isDetector(dir)) {
                    DetectorOnnx d = DetectorOnnx.load(DetectorCheckpoint.read(dir), m);
                    model = d.model(opset, version, m);
                    what = d.detector().config().backbone().name() + " AVA detector (" + d.detector().config()
                            .features().key() + "), " + d.detector().config().numClasses() + " classes"
                            + (d.checkpoint().labels() == null ? " (no labelmap.pbtxt: named 'action N')" : "");
                } else {
                    ClassifierOnnx c = ClassifierOnnx.fromCheckpoint(TrainedModel.locate(source.checkpoint), m);
                    model = c.model(opset, version, m);
                    what = c.network().config().name() + " " + c.task() + " classifier, "
                            + c.network().config().numClasses() + " classes";
                }
            }
            OnnxGraph.write(model, out);
            stdout.printf(Locale.ROOT, "wrote %s: %s, opset %d, %d nodes, %d initialisers, %.1f MB%n", out, what,
                    opset, model.getGraph().getNodeCount(), model.getGraph().getInitializerCount(),
                    Files.size(out) / 1e6);
        }
        return 0;
    }

    /** The checkpoint folder: the folder itself, or a run folder's newest checkpoint; null for a weights file. */
    private static Path checkpointDir(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            return null;
        }
        if (Files.isRegularFile(path.resolve("config.json"))) {
            return path;
        }
        return new CheckpointStore(path.resolve("checkpoints"), 1).latest().map(CheckpointStore.Checkpoint::dir)
                .orElse(null);
    }

    private static boolean isDetector(Path dir) throws IOException {
        Path cfg = dir.resolve("config.json");
        return Files.isRegularFile(cfg) && Json.readTree(cfg).has("detector");
    }
}
