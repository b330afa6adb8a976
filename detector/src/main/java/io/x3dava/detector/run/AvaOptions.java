package io.x3dava.detector.run;

import io.x3dava.annotations.ava.LabelMap;
import io.x3dava.backbone.x3d.X3DConfig;
import io.x3dava.backbone.x3d.X3DPresets;
import io.x3dava.detector.data.AvaLayout;
import io.x3dava.detector.data.AvaLayoutOptions;
import io.x3dava.detector.data.AvaVideos;
import io.x3dava.detector.infer.TestCrop;
import io.x3dava.detector.model.DetectorConfig;
import io.x3dava.detector.model.DetectorFeatures;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Options shared by train-ava and detect-ava: an AVA folder as PySlowFast or MMAction2 prepare it (or the cut clips),
 * and/or a recipe JSON (such as detector/recipes/x3d_m_ava_v2.2.json). With {@code --config}, every option given on
 * the command line overrides the file and {@code --ava} fills its data paths. Hyper-parameter defaults are the
 * recipe's ({@link AvaRecipe}): no option here has a default of its own, so "given" means "not null".
 */
public final class AvaOptions {

    @Option(names = "--config", description = "AVA recipe JSON (AvaRecipe, e.g. detector/recipes/x3d_m_ava_v2.2.json"
            + " or a run's recipe.json); options given on the command line override it, --ava fills its data paths")
    Path config;

    @Mixin
    AvaLayoutOptions data = new AvaLayoutOptions();

    @Option(names = "--preset", description = "X3D backbone preset (XS, S, M, L, XL; default: the recipe's, else XS)")
    String preset;

    @Option(names = "--frames", description = "frames per clip (default: the preset's)")
    Integer frames;

    @Option(names = "--rate", description = "sampling rate (default: the preset's)")
    Integer rate;

    @Option(names = "--crop", description = "training crop (default: the preset's); test size = 128/112 of it")
    Integer crop;

    @Option(names = "--test-size", description = "test short side (and the square's side with --test-crop "
            + "center); default 128/112 of the training crop")
    Integer testSize;

    @Option(names = "--features", description = "box features: res5 (paper section 5), conv5, or lin5 (conv5 + the "
            + "2048-d lin_5 per box: Table 8's parameter count); default: the recipe's, else res5")
    DetectorFeatures features;

    @Option(names = "--epochs", description = "training epochs (default: the recipe's, else " + AvaRecipe.EPOCHS
            + "); warm-up and lr steps keep their fraction of the run")
    Integer epochs;

    @Option(names = "--batch", description = "clips per step (default: the recipe's, else " + AvaRecipe.BATCH_SIZE
            + "); the lr follows it linearly unless --lr is given")
    Integer batch;

    @Option(names = "--lr", description = "base learning rate (default 0.1 per 64 clips)")
    Double lr;

    @Option(names = "--workers", description = "decoding threads (default: processors)")
    Integer workers;

    @Option(names = "--threshold", description = "proposal score threshold at inference (default: the recipe's, "
            + "else " + AvaRecipe.PROPOSAL_THRESHOLD + ")")
    Double threshold;

    /** The --train-proposals given on the command line, or null. */
    public Path trainProposals() {
        return data.trainProposals;
    }

    public AvaRecipe recipe() throws IOException {
        return recipe(System.out);
    }

    /** The recipe of the options (printing the detected layout to {@code log}). */
    public AvaRecipe recipe(PrintStream log) throws IOException {
        // numbers first, each named: the recipe's own checks cannot say which option a value came from
        for (var n : new Object[][] {{"--test-size", testSize}, {"--epochs", epochs}, {"--batch", batch},
            {"--workers", workers}}) {
            if (n[1] != null && (Integer) n[1] < 1) {
                throw new IllegalArgumentException(n[0] + " must be >= 1, got " + n[1]);
            }
        }
        if (lr != null && !(lr > 0)) {
            throw new IllegalArgumentException("--lr must be > 0, got " + lr);
        }
        if (evalPeriod != null && evalPeriod < 0) {
            throw new IllegalArgumentException("--eval-period must be >= 0, got " + evalPeriod);
        }
        if (config == null && !data.given()) {
            throw new IllegalArgumentException("give --ava folder or --config recipe.json");
        }
        AvaRecipe base = config != null ? AvaRecipe.read(config) : null;
        AvaRecipe.Builder r = base != null ? base.toBuilder() : AvaRecipe.builder();
        Integer numClasses = null;
        if (data.given()) {
            AvaLayout layout = data.detect();
            log.print(layout.describe());
            r.optVideos(layout.videos().path()).optOffsetSeconds(layout.videos().time().offsetSeconds())
                    .optLabelMap(layout.labelMap()).optTrainGt(layout.trainGt())
                    .optTrainProposals(layout.trainProposals()).optValGt(layout.valGt())
                    .optValProposals(layout.valProposals()).optValExcluded(layout.valExcluded())
                    .optTrainFrameList(existing(layout.trainFrameList()))
                    .optValFrameList(existing(layout.valFrameList()));
            // One output per action id up to the largest in the label map: 80 for AVA v2.1/v2.2 (ids 1..80).
            numClasses = LabelMap.read(layout.labelMap()).maxId();
        } else {
            dataOverrides(base, r);
        }
        DetectorConfig d = r.detector();
        if (d == null || preset != null || frames != null || rate != null || crop != null
                || (numClasses != null && numClasses != d.numClasses())) {
            X3DConfig b = preset != null ? X3DPresets.get(preset) : d != null ? d.backbone() : X3DPresets.get("XS");
            b = b.withClip(frames != null ? frames : b.numFrames(), rate != null ? rate : b.samplingRate(),
                    crop != null ? crop : b.trainCrop());
            DetectorConfig fresh = DetectorConfig.paper(b, numClasses != null ? numClasses
                    : d != null ? d.numClasses() : 80);
            if (d != null && crop == null && preset == null) {
                // only the clip length or rate changed: the recipe's crops stay
                fresh = fresh.withCrops(d.trainCrop(), d.testSize());
            }
            d = d == null ? fresh : fresh.withFeatures(d.features());
        }
        if (features != null) {
            d = d.withFeatures(features);
        }
        if (testSize != null) {
            d = d.withCrops(d.trainCrop(), testSize);
        }
        r.setDetector(d);
        var schedule = r.schedule();
        if (batch != null) {
            // lr 0.1 per 64 clips (paper appendix A.1): the recipe's lr scales with the batch.
            schedule = AvaRecipe.withBaseLr(schedule, schedule.baseLr() * batch / r.batchSize());
            r.optBatchSize(batch);
        }
        if (epochs != null) {
            schedule = AvaRecipe.withEpochs(schedule, epochs);
        }
        if (lr != null) {
            schedule = AvaRecipe.withBaseLr(schedule, lr);
        }
        r.optSchedule(schedule);
        if (workers != null) {
            r.optWorkers(workers);
        }
        if (threshold != null) {
            r.optProposalThreshold(threshold);
        }
        if (evalPeriod != null) {
            r.optEvalPeriod(evalPeriod);
        }
        if (testCrop != null) {
            r.optTestCrop(testCrop);
        }
        if (testFlip != null) {
            r.optTestFlip(testFlip);
        }
        if (padMissingFrames != null) {
            r.optPadMissingFrames(padMissingFrames);
        }
        return r.build();
    }

    /** A frame list that is there (a layout names one whether it exists or not), else null. */
    private static Path existing(Path list) {
        return list != null && java.nio.file.Files.isRegularFile(list) ? list : null;
    }

    /** Without --ava: the data options that move a --config recipe's frames or proposals. */
    private void dataOverrides(AvaRecipe base, AvaRecipe.Builder r) {
        if (base != null && base.videos() != null && (data.framesDir != null || data.frameTemplate != null || data.offset != null)) {
            AvaVideos videos = AvaVideos.of(base.videos(), base.offsetSeconds());
            Path root = data.framesDir != null ? data.framesDir : videos.root();
            Path path = data.frameTemplate != null ? root.resolve(data.frameTemplate) : data.framesDir != null ? root : videos.path();
            videos = AvaVideos.of(path, data.offset != null ? data.offset : base.offsetSeconds());
            r.optVideos(videos.path()).optOffsetSeconds(videos.time().offsetSeconds());
        }
        if (data.trainProposals != null) {
            r.optTrainProposals(data.trainProposals);
        }
        if (data.valProposals != null) {
            r.optValProposals(data.valProposals);
        }
    }

    @Option(names = "--eval-period", description = "validate (detection + official frame-mAP on val) every N epochs,"
            + " log val_mAP to metrics.jsonl and keep best/ by it; 0 = only after training (default: the recipe's)")
    Integer evalPeriod;

    @Option(names = "--test-crop", description = "test view: full (whole frame, short side = test size; PySlowFast's "
            + "test default) or center (the centred square; the paper's cost convention). Default: the recipe's, "
            + "else full")
    TestCrop testCrop;

    @Option(names = "--test-flip", negatable = true, description = "also classify the mirrored clip and boxes and "
            + "average the scores (PySlowFast AVA.TEST_FORCE_FLIP); prints mAP with and without flip")
    Boolean testFlip;

    @Option(names = "--pad-missing-frames", negatable = true, description = "at inference (detect-ava, validation), "
            + "score a keyframe whose clip needs a missing or undecodable frame with the nearest readable frame "
            + "repeated; by default such keyframes are left out and counted (training always leaves them out). "
            + "Default: the recipe's, else off")
    Boolean padMissingFrames;
}
