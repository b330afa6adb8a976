package io.x3dava.detector.run;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;

import io.x3dava.annotations.ava.AvaCsv;
import io.x3dava.annotations.json.Json;
import io.x3dava.annotations.ava.LabelMap;
import io.x3dava.backbone.train.PretrainedWeights;
import io.x3dava.backbone.train.ClipBatchSource;
import io.x3dava.backbone.train.ProgressReporter;
import io.x3dava.backbone.train.Trainer;
import io.x3dava.backbone.train.TrainerConfig;
import io.x3dava.backbone.video.ClipRequest;
import io.x3dava.backbone.video.ClipSpec;
import io.x3dava.backbone.video.MissingFramePolicy;
import io.x3dava.backbone.video.Placement;
import io.x3dava.backbone.x3d.X3DInit;
import io.x3dava.backbone.x3d.X3DStateDict;
import io.x3dava.detector.data.AvaDatasets;
import io.x3dava.detector.data.AvaSample;
import io.x3dava.detector.data.AvaVideos;
import io.x3dava.detector.infer.AvaInference;
import io.x3dava.detector.model.AvaDetector;
import io.x3dava.detector.model.DetectorCheckpoint;
import io.x3dava.detector.model.DetectorFeatures;
import io.x3dava.detector.train.AvaBatchBuilder;
import io.x3dava.detector.train.AvaTrainStep;
import io.x3dava.eval.ava.AvaEvaluationResult;
import io.x3dava.eval.ava.AvaEvaluator;
import io.x3dava.eval.ava.AvaProtocol;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Trains the AVA detector (validating every evalPeriod epochs and keeping best/ by val mAP), writes detections in the
 * official CSV format and evaluates them.
 */
public final class AvaRun {

    private final AvaRecipe recipe;
    private final PrintStream out;

    public AvaRun(AvaRecipe recipe, PrintStream out) {
        this.recipe = recipe;
        this.out = out;
    }

    public AvaVideos videos() {
        return AvaVideos.of(require(recipe.videos(), "videos"), recipe.offsetSeconds());
    }

    /** The videos as a split's frame list names their frames (the list's rows are each video's frames). */
    private AvaVideos videos(Path frameList) throws IOException {
        return videos().withFrameList(frameList);
    }

    /** At inference, what a keyframe whose clip misses frames gets: nothing (left out) or the nearest frame. */
    private MissingFramePolicy inferencePolicy() {
        return recipe.padMissingFrames() ? MissingFramePolicy.REPEAT_NEAREST : MissingFramePolicy.FAIL;
    }

    /** A data path the recipe must have for this step; missing: one line saying how to give it. */
    private static Path require(Path p, String field) {
        if (p == null) {
            throw new IllegalArgumentException("the recipe has no " + field + ": give --ava FOLDER or set \"" + field
                    + "\" in the --config JSON");
        }
        return p;
    }

    /**
     * A detector initialised from {@code weights}: a Kinetics checkpoint (project or PySlowFast / PyTorchVideo .pyth;
     * its classification head is not used) or a detector checkpoint (all of it is loaded). Null: from scratch.
     */
    public AvaDetector detector(NDManager m, Path weights) throws IOException {
        AvaDetector d = AvaDetector.create(recipe.detector(), m, recipe.seed());
        if (weights != null) {
            // A Kinetics network's head is ours only in part: conv_5 for conv5 / lin5 features, lin_5 for lin5; its
            // projection never (400 Kinetics classes). A detector checkpoint has our projection and, with lin5 only,
            // a lin_5.
            DetectorFeatures f = recipe.detector().features();
            PretrainedWeights.load(weights, d.referenceParameters(), sd -> {
                boolean detectorCheckpoint = sd.containsKey("head.projection.weight")
                        && sd.get("head.projection.weight").shape()[0] == recipe.detector().numClasses()
                        && sd.containsKey("head.lin_5.weight") == (f == DetectorFeatures.LIN5);
                return detectorCheckpoint ? List.of()
                        : f == DetectorFeatures.LIN5 ? List.of("head.projection.")
                        : f == DetectorFeatures.CONV5 ? List.of("head.projection.", "head.lin_5.")
                        : List.of("head.");
            }, "the detector", out);
        }
        return d;
    }

    public Trainer.Summary train(NDManager m, AvaDetector detector, Path outputDir) throws IOException {
        AvaVideos videos = videos(recipe.trainFrameList());
        List<AvaSample> train = AvaDatasets.training(require(recipe.trainGt(), "trainGt"), recipe.trainProposals(),
                recipe.proposalThreshold(), recipe.trainProposalIou(), videos);
        // Validation and the final detections read these (with --eval-period 0 the latter only): a missing or
        // malformed one is bad input now, not after the last epoch.
        LabelMap.read(require(recipe.labelMap(), "labelMap"));
        AvaDatasets.inference(require(recipe.valProposals(), "valProposals"), require(recipe.valGt(), "valGt"),
                recipe.proposalThreshold(), videos());
        var cfg = recipe.detector();
        ClipSpec spec = new ClipSpec(cfg.backbone().numFrames(), cfg.backbone().samplingRate());
        AvaBatchBuilder builder = AvaBatchBuilder.forTraining(cfg.numClasses(), cfg.trainCrop());
        int decode = builder.decodeShortSide();
        ClipBatchSource<AvaSample> data = new ClipBatchSource<>(train, (s, seed, tag) -> new ClipRequest(s.video(),
                spec, new Placement.Centered(s.videoSeconds()), decode, tag), recipe.batchSize(), recipe.workers(),
                recipe.seed(), videos.opener());
        Map<String, Parameter> params = detector.referenceParameters();
        Set<String> noDecay = X3DInit.batchNormKeys(params.keySet());
        out.printf("training the AVA detector (%s, %s features) on %d keyframes, %d batches of %d per epoch%n",
                cfg.backbone().name(), cfg.features(), train.size(), data.batchesPerEpoch(), recipe.batchSize());
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("task", "ava");
        doc.put("detector", cfg);
        String configJson = Json.toString(doc);
        Map<String, String> labelFiles = DetectorCheckpoint.files(recipe.labelMap() == null ? null
                : LabelMap.read(recipe.labelMap()));
        BestCheckpoint best = new BestCheckpoint(outputDir.resolve("best"), VAL_MAP);
        java.util.function.IntFunction<Map<String, Double>> validation = epoch -> {
            try {
                return validate(m, detector, outputDir, epoch, best, configJson, labelFiles);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        Trainer<List<io.x3dava.backbone.video.LoadedClip>> trainer = new Trainer<>(
                TrainerConfig.builder(outputDir, recipe.epochs()).optEvalPeriod(recipe.evalPeriod())
                        .optSeed(recipe.seed()).optCheckpointFiles(labelFiles).build(),
                recipe.schedule(), recipe.sgd(), params, noDecay, new AvaTrainStep(detector, builder), data, validation,
                configJson,
                new ProgressReporter(out, Math.max(1, data.batchesPerEpoch() / 4)));
        try {
            return trainer.run(m);
        } catch (UncheckedIOException e) {
            throw e.getCause(); // a validation file that went bad during training is still bad input
        }
    }

    /** Name of the validation frame-mAP in metrics.jsonl and best/state.json. */
    public static final String VAL_MAP = "val_mAP";

    /**
     * Detection on val + official frame-mAP after an evaluation epoch (the Trainer calls it every evalPeriod epochs);
     * the weights go to best/ when the mAP is the highest so far.
     */
    private Map<String, Double> validate(NDManager m, AvaDetector detector, Path outputDir, int epoch,
                                         BestCheckpoint best, String configJson, Map<String, String> files)
            throws IOException {
        Path csv = validationCsv(outputDir, epoch);
        Files.createDirectories(csv.getParent());
        Detections d = detectAndEvaluate(m, detector, csv);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put(VAL_MAP, d.result().meanAp());
        if (d.unflipped() != null) {
            metrics.put(VAL_MAP + "_noflip", d.unflipped().meanAp());
        }
        if (best.offer(epoch, d.result().meanAp(), X3DStateDict.export(detector.referenceParameters()), configJson,
                files)) {
            out.printf(Locale.ROOT, "epoch %d: val mAP %.4f, the best so far: weights in %s%n", epoch,
                    d.result().meanAp(), best.dir());
        }
        return metrics;
    }

    /**
     * Frame-mAP of the detections written to {@code csv}; with test-time flip also of the unflipped view alone (its
     * CSV beside, *_noflip.csv).
     */
    public record Detections(AvaEvaluationResult result, AvaEvaluationResult unflipped) {
    }

    /** Where the validation after {@code epoch} writes its detections. */
    public static Path validationCsv(Path outputDir, int epoch) {
        return outputDir.resolve("val").resolve(String.format(Locale.ROOT, "detections_epoch_%04d.csv", epoch));
    }

    /**
     * The final detections of a run in {@code csv}, evaluated: the last epoch's validation already ran the final weights
     * on val when validation was on, so its CSV is reused rather than detecting twice.
     */
    public Detections finalDetections(NDManager m, AvaDetector detector, Path outputDir, int epochs, Path csv)
            throws IOException {
        Path last = validationCsv(outputDir, epochs);
        if (recipe.evalPeriod() > 0 && Files.isRegularFile(last)
                && (!recipe.testFlip() || Files.isRegularFile(noFlipCsv(last)))) {
            io.x3dava.annotations.AtomicFiles.writeString(csv, Files.readString(last));
            if (recipe.testFlip()) {
                io.x3dava.annotations.AtomicFiles.writeString(noFlipCsv(csv), Files.readString(noFlipCsv(last)));
            }
            out.println("final detections: the last validation's, " + last);
            return evaluateBoth(csv);
        }
        return detectAndEvaluate(m, detector, csv);
    }

    /** {@link #detect} then {@link #evaluate}; with test-time flip both numbers are printed. */
    public Detections detectAndEvaluate(NDManager m, AvaDetector detector, Path csv) throws IOException {
        detect(m, detector, csv);
        return evaluateBoth(csv);
    }

    /** Frame-mAP of detections already written to {@code csv}; with test-time flip both numbers are printed. */
    public Detections evaluateBoth(Path csv) throws IOException {
        AvaEvaluationResult e = evaluate(csv);
        AvaEvaluationResult plain = null;
        if (recipe.testFlip()) {
            plain = evaluate(noFlipCsv(csv));
            out.printf(Locale.ROOT, "frame-mAP %.4f with test-time flip, %.4f without%n", e.meanAp(),
                    plain.meanAp());
        }
        return new Detections(e, plain);
    }

    /** Where the unflipped detections go when test-time flip is on: detections.csv -> detections_noflip.csv. */
    public static Path noFlipCsv(Path csv) {
        String name = csv.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        return csv.resolveSibling(stem + "_noflip" + ext);
    }

    /** Detections on the validation keyframes, written to {@code detectionsCsv} (official format, atomically). */
    public AvaInference.Result detect(NDManager m, AvaDetector detector, Path detectionsCsv) throws IOException {
        List<AvaSample> samples = inferenceKeyframes();
        AvaInference inf = inference(detector, recipe.workers());
        announce(samples.size());
        AvaInference.Result r = inf.run(m, samples, n -> {
            if (n % Math.max(1, samples.size() / 5) == 0) {
                out.printf("  %d/%d keyframes%n", n, samples.size());
            }
        });
        return write(r, detectionsCsv);
    }

    /** The inference keyframes of the recipe (val, or the proposals' keyframes), sorted by video and time. */
    public List<AvaSample> inferenceKeyframes() throws IOException {
        return AvaDatasets.inference(require(recipe.valProposals(), "valProposals"), recipe.valGt(),
                recipe.proposalThreshold(), videos(recipe.valFrameList()));
    }

    /** The recipe's inference (label map's ids, batch, test view) with {@code workers} decoding threads. */
    public AvaInference inference(AvaDetector detector, int workers) throws IOException {
        return new AvaInference(detector, labelMap().ids(), recipe.batchSize(), workers,
                videos(recipe.valFrameList()).opener(inferencePolicy())).withTestView(recipe.testCrop(), recipe.testFlip());
    }

    /** The recipe's label map: the action ids that detection reports. */
    public LabelMap labelMap() throws IOException {
        return LabelMap.read(require(recipe.labelMap(), "labelMap"));
    }

    /** Prints what the detection is about to do. */
    public void announce(int keyframes) {
        out.printf("detecting on %d keyframes (%s view at short side %d%s)%n", keyframes,
                recipe.testCrop().key(), recipe.detector().testSize(), recipe.testFlip() ? ", + flipped" : "");
    }

    /** Writes the detections (and the unflipped ones with test-time flip) as official CSVs, atomically. */
    public AvaInference.Result write(AvaInference.Result r, Path detectionsCsv) throws IOException {
        AvaCsv.writeDetections(detectionsCsv, r.rows());
        if (recipe.testFlip()) {
            AvaCsv.writeDetections(noFlipCsv(detectionsCsv), r.unflippedRows());
        }
        out.printf("wrote %d detections for %d keyframes to %s (%.1f keyframes/s, %d unreadable)%n", r.rows().size(),
                r.keyframes(), detectionsCsv, r.keyframes() / r.seconds(), r.skippedKeyframes());
        if (r.missingFrames().clips() > 0) {
            out.println(r.missingFrames().summary("keyframes") + "; not scored (--pad-missing-frames scores them with "
                    + "the nearest frame repeated)");
        }
        return r;
    }

    /** Frame-mAP with the official ActivityNet protocol. */
    public AvaEvaluationResult evaluate(Path detectionsCsv) throws IOException {
        return AvaEvaluator.evaluate(require(recipe.labelMap(), "labelMap"), require(recipe.valGt(), "valGt"),
                detectionsCsv, recipe.valExcluded(),
                AvaProtocol.OFFICIAL);
    }
}
