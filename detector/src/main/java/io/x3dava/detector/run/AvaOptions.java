package io.x3dava.detector.run;

import io.x3dava.annotations.ava.LabelMap;
import io.x3dava.backbone.x3d.X3DConfig;
import io.x3dava.backbone.x3d.X3DPresets;
import io.x3dava.detector.infer.TestCrop;
import io.x3dava.detector.model.DetectorConfig;
import io.x3dava.detector.model.DetectorFeatures;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import picocli.CommandLine.Option;

/**
 * Options shared by train-ava and detect-ava: an AVA folder laid out as the release, and/or a recipe JSON (such as
 * detector/recipes/x3d_m_ava_v2.2.json) whose values the other options override. Hyper-parameter defaults are the
 * recipe's ({@link AvaRecipe}).
 */
public final class AvaOptions {

    @Option(names = "--config", description = "AVA recipe JSON (AvaRecipe, e.g. detector/recipes/x3d_m_ava_v2.2.json);"
            + " other options override it, --ava fills its data paths")
    Path config;

    @Option(names = "--ava", description = "AVA folder: videos/ (cut clips from 900 s, or frames/ folders), "
            + "ava_{train,val}_v2.2.csv, the label map .pbtxt, ava_val_excluded_timestamps_v2.2.csv, "
            + "ava_detection_{train,val}_boxes_and_labels*.csv")
    Path ava;

    @Option(names = "--ava-version", defaultValue = "2.2", description = "annotation version in file names: 2.1 or 2.2")
    String version;

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

    public AvaRecipe recipe() throws IOException {
        if (config == null && ava == null) {
            throw new IllegalArgumentException("give --ava folder or --config recipe.json");
        }
        AvaRecipe.Builder r = config != null ? AvaRecipe.read(config).toBuilder() : AvaRecipe.builder();
        Integer numClasses = null;
        if (ava != null) {
            numClasses = layout(r);
        }
        DetectorConfig d = r.detector();
        if (d == null || preset != null || frames != null || rate != null || crop != null
                || (numClasses != null && numClasses != d.numClasses())) {
            X3DConfig b = preset != null ? X3DPresets.get(preset) : d != null ? d.backbone() : X3DPresets.get("XS");
            b = b.withClip(frames != null ? frames : b.numFrames(), rate != null ? rate : b.samplingRate(),
                    crop != null ? crop : b.trainCrop());
            DetectorConfig fresh = DetectorConfig.paper(b, numClasses != null ? numClasses
                    : d != null ? d.numClasses() : 80);
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
        return r.build();
    }

    /** Fills the data paths from the --ava folder; returns the label map's class count. */
    private int layout(AvaRecipe.Builder r) throws IOException {
        String v = version;
        Path labelMap = first(ava.resolve("ava_action_list_v" + v + "_for_activitynet_2019.pbtxt"),
                ava.resolve("ava_action_list_v" + v + "_for_activitynet_2018.pbtxt"),
                ava.resolve("ava_action_list_v" + v + ".pbtxt"));
        Path videos = Files.isDirectory(ava.resolve("videos")) ? ava.resolve("videos") : ava.resolve("frames");
        r.optVideos(videos).optLabelMap(labelMap).optTrainGt(ava.resolve("ava_train_v" + v + ".csv"))
                .optTrainProposals(first(
                        ava.resolve("ava_detection_train_boxes_and_labels_include_negative_v" + v + ".csv"),
                        ava.resolve("ava_detection_train_boxes_and_labels_include_negative.csv"),
                        ava.resolve("ava_detection_train_boxes_and_labels.csv")))
                .optValGt(ava.resolve("ava_val_v" + v + ".csv"))
                .optValProposals(first(ava.resolve("ava_detection_val_boxes_and_labels.csv"),
                        ava.resolve("ava_detection_val_boxes_and_labels_v" + v + ".csv")))
                .optValExcluded(first(ava.resolve("ava_val_excluded_timestamps_v" + v + ".csv"),
                        ava.resolve("ava_val_excluded_timestamps.csv")));
        // One output per action id up to the largest in the label map: 80 for AVA v2.1/v2.2 (ids 1..80).
        return LabelMap.read(labelMap).maxId();
    }

    private static Path first(Path... candidates) {
        for (Path p : candidates) {
            if (Files.exists(p)) {
                return p;
            }
        }
        return candidates[0];
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
}
