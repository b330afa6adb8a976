package io.x3dava.detector.run;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;

import io.x3dava.annotations.ava.AvaCsv;
import io.x3dava.annotations.ava.LabelMap;
import io.x3dava.backbone.checkpoint.Checkpoints;
import io.x3dava.backbone.train.CheckpointStore;
import io.x3dava.backbone.train.ClipBatchSource;
import io.x3dava.backbone.train.ProgressReporter;
import io.x3dava.backbone.train.Trainer;
import io.x3dava.backbone.train.TrainerConfig;
import io.x3dava.backbone.video.ClipRequest;
import io.x3dava.backbone.video.ClipSpec;
import io.x3dava.backbone.video.Placement;
import io.x3dava.backbone.x3d.WeightLoadReport;
import io.x3dava.backbone.x3d.X3DInit;
import io.x3dava.backbone.x3d.X3DStateDict;
import io.x3dava.detector.data.AvaDatasets;
import io.x3dava.detector.data.AvaSample;
import io.x3dava.detector.data.AvaVideos;
import io.x3dava.detector.infer.AvaInference;
import io.x3dava.detector.model.AvaDetector;
import io.x3dava.detector.train.AvaBatchBuilder;
import io.x3dava.detector.train.AvaTrainStep;
import io.x3dava.eval.ava.AvaEvaluationResult;
import io.x3dava.eval.ava.AvaEvaluator;
import io.x3dava.eval.ava.AvaProtocol;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Trains the AVA detector, writes detections in the official CSV format and evaluates them. */
public final class AvaRun {

    private final AvaRecipe recipe;
    private final PrintStream out;

    public AvaRun(AvaRecipe recipe, PrintStream out) {
        this.recipe = recipe;
        this.out = out;
    }

    public AvaVideos videos() {
        return new AvaVideos(recipe.videos(), recipe.offsetSeconds());
    }

    /**
     * A detector initialised from {@code weights}: a Kinetics checkpoint (project or PySlowFast / PyTorchVideo .pyth;
     * its classification head is not used) or a detector checkpoint (all of it is loaded). Null: from scratch.
     */
    public AvaDetector detector(NDManager m, Path weights) throws IOException {
        AvaDetector d = AvaDetector.create(recipe.detector(), m, recipe.seed());
        if (weights != null) {
            Path file = CheckpointStore.weightsFile(weights);
            var sd = Checkpoints.readStateDict(file);
            Map<String, Parameter> params = d.referenceParameters();
            // A Kinetics network's head (projection, lin_5, and conv_5 unless the detector reads conv5) is not ours.
            boolean detectorCheckpoint = sd.containsKey("head.projection.weight")
                    && sd.get("head.projection.weight").shape()[0] == recipe.detector().numClasses()
                    && !sd.containsKey("head.lin_5.weight");
            List<String> excluded = detectorCheckpoint ? List.of()
                    : "conv5".equals(recipe.detector().features()) ? List.of("head.projection.", "head.lin_5.")
                    : List.of("head.");
            WeightLoadReport r = X3DStateDict.load(params, sd, false, excluded);
            out.println("initialised from " + file + ": " + r.summary());
            if (!r.missing().isEmpty() || !r.shapeMismatches().isEmpty()) {
                throw new IOException(file + " does not fit the detector: " + r.summary());
            }
        }
        return d;
    }

    public Trainer.Summary train(NDManager m, AvaDetector detector, Path outputDir) throws IOException {
        List<AvaSample> train = AvaDatasets.training(recipe.trainGt(), recipe.trainProposals(), videos());
        var cfg = recipe.detector();
        ClipSpec spec = new ClipSpec(cfg.backbone().numFrames(), cfg.backbone().samplingRate());
        AvaBatchBuilder builder = AvaBatchBuilder.forTraining(cfg.numClasses(), cfg.trainCrop());
        int decode = builder.decodeShortSide();
        ClipBatchSource<AvaSample> data = new ClipBatchSource<>(train, (s, seed, tag) -> new ClipRequest(s.video(),
                spec, new Placement.Centered(s.videoSeconds()), decode, tag), recipe.batchSize(), recipe.workers(),
                recipe.seed());
        Map<String, Parameter> params = detector.referenceParameters();
        Set<String> noDecay = X3DInit.batchNormKeys(params.keySet());
        out.printf("training the AVA detector (%s, %s features) on %d keyframes, %d batches of %d per epoch%n",
                cfg.backbone().name(), cfg.features(), train.size(), data.batchesPerEpoch(), recipe.batchSize());
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("task", "ava");
        doc.put("detector", cfg);
        String configJson = new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter()
                .writeValueAsString(doc);
        Trainer<List<io.x3dava.backbone.video.LoadedClip>> trainer = new Trainer<>(
                new TrainerConfig(outputDir, recipe.epochs(), 1, 3, 0, 1e4).withSeed(recipe.seed()), recipe.schedule(),
                recipe.sgd(), params,
                noDecay, new AvaTrainStep(detector, builder), data, epoch -> Map.of(), configJson,
                new ProgressReporter(out, Math.max(1, data.batchesPerEpoch() / 4)));
        return trainer.run(m);
    }

    /** Detections on the validation keyframes, written to {@code detectionsCsv} (official format, atomically). */
    public AvaInference.Result detect(NDManager m, AvaDetector detector, Path detectionsCsv) throws IOException {
        List<AvaSample> samples = AvaDatasets.inference(recipe.valProposals(), recipe.valGt(),
                recipe.proposalThreshold(), videos());
        LabelMap labels = LabelMap.read(recipe.labelMap());
        AvaInference inf = new AvaInference(detector, labels.ids(), recipe.batchSize(), recipe.workers());
        out.printf("detecting on %d keyframes%n", samples.size());
        AvaInference.Result r = inf.run(m, samples, n -> {
            if (n % Math.max(1, samples.size() / 5) == 0) {
                out.printf("  %d/%d keyframes%n", n, samples.size());
            }
        });
        AvaCsv.writeDetections(detectionsCsv, r.rows());
        out.printf("wrote %d detections for %d keyframes to %s (%.1f keyframes/s, %d unreadable)%n", r.rows().size(),
                r.keyframes(), detectionsCsv, r.keyframes() / r.seconds(), r.skippedKeyframes());
        return r;
    }

    /** Frame-mAP with the official ActivityNet protocol. */
    public AvaEvaluationResult evaluate(Path detectionsCsv) throws IOException {
        return AvaEvaluator.evaluate(recipe.labelMap(), recipe.valGt(), detectionsCsv, recipe.valExcluded(),
                AvaProtocol.OFFICIAL);
    }
}
