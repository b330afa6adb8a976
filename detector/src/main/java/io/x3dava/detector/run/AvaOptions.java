package io.x3dava.detector.run;

import io.x3dava.annotations.ava.LabelMap;
import io.x3dava.backbone.x3d.X3DConfig;
import io.x3dava.backbone.x3d.X3DPresets;
import io.x3dava.detector.model.DetectorConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import picocli.CommandLine.Option;

/** Options shared by train-ava and detect-ava: an AVA folder laid out as the release, or a recipe JSON. */
public final class AvaOptions {

    @Option(names = "--config", description = "AVA recipe JSON (AvaRecipe); other options override it")
    Path config;

    @Option(names = "--ava", description = "AVA folder: videos/ (cut clips from 900 s, or frames/ folders), "
            + "ava_{train,val}_v2.2.csv, the label map .pbtxt, ava_val_excluded_timestamps_v2.2.csv, "
            + "ava_detection_{train,val}_boxes_and_labels*.csv")
    Path ava;

    @Option(names = "--ava-version", defaultValue = "2.2", description = "annotation version in file names: 2.1 or 2.2")
    String version;

    @Option(names = "--preset", defaultValue = "XS", description = "X3D backbone preset (XS, S, M, L, XL)")
    String preset;

    @Option(names = "--frames", description = "frames per clip (default: the preset's)")
    Integer frames;

    @Option(names = "--rate", description = "sampling rate (default: the preset's)")
    Integer rate;

    @Option(names = "--crop", description = "training crop (default: the preset's); test size = 128/112 of it")
    Integer crop;

    @Option(names = "--test-size", description = "test short side and center crop")
    Integer testSize;

    @Option(names = "--features", defaultValue = "res5", description = "res5 (paper) or conv5")
    String features;

    @Option(names = "--epochs", defaultValue = "20", description = "training epochs")
    int epochs;

    @Option(names = "--batch", defaultValue = "16", description = "clips per step")
    int batch;

    @Option(names = "--lr", description = "base learning rate (default 0.1 per 64 clips)")
    Double lr;

    @Option(names = "--workers", description = "decoding threads (default: processors)")
    Integer workers;

    @Option(names = "--threshold", defaultValue = "0.8", description = "proposal score threshold at inference")
    double threshold;

    public AvaRecipe recipe() throws IOException {
        if (config != null) {
            return AvaRecipe.read(config);
        }
        if (ava == null) {
            throw new IllegalArgumentException("give --ava folder or --config recipe.json");
        }
        String v = version;
        Path labelMap = first(ava.resolve("ava_action_list_v" + v + "_for_activitynet_2019.pbtxt"),
                ava.resolve("ava_action_list_v" + v + "_for_activitynet_2018.pbtxt"),
                ava.resolve("ava_action_list_v" + v + ".pbtxt"));
        Path videos = Files.isDirectory(ava.resolve("videos")) ? ava.resolve("videos") : ava.resolve("frames");
        // One output per action id up to the largest in the label map: 80 for AVA v2.1/v2.2 (ids 1..80).
        int numClasses = LabelMap.read(labelMap).maxId();
        X3DConfig b = X3DPresets.get(preset);
        b = b.withClip(frames != null ? frames : b.numFrames(), rate != null ? rate : b.samplingRate(),
                crop != null ? crop : b.trainCrop());
        DetectorConfig d = DetectorConfig.paper(b, numClasses).withFeatures(features);
        if (testSize != null) {
            d = d.withCrops(d.trainCrop(), testSize);
        }
        var schedule = AvaRecipe.defaultSchedule(batch, epochs);
        if (lr != null) {
            schedule = new io.x3dava.backbone.train.ScheduleConfig(schedule.policy(), lr, schedule.maxEpoch(),
                    schedule.warmupEpochs(), lr / 800.0, 0, schedule.steps(), schedule.relativeLrs());
        }
        return new AvaRecipe(d, videos, 900, labelMap, ava.resolve("ava_train_v" + v + ".csv"),
                first(ava.resolve("ava_detection_train_boxes_and_labels_include_negative_v" + v + ".csv"),
                        ava.resolve("ava_detection_train_boxes_and_labels_include_negative.csv"),
                        ava.resolve("ava_detection_train_boxes_and_labels.csv")),
                ava.resolve("ava_val_v" + v + ".csv"),
                first(ava.resolve("ava_detection_val_boxes_and_labels.csv"),
                        ava.resolve("ava_detection_val_boxes_and_labels_v" + v + ".csv")),
                first(ava.resolve("ava_val_excluded_timestamps_v" + v + ".csv"),
                        ava.resolve("ava_val_excluded_timestamps.csv")),
                batch, schedule, AvaRecipe.defaultSgd(), workers != null ? workers
                        : Runtime.getRuntime().availableProcessors(), 0, threshold);
    }

    private static Path first(Path... candidates) {
        for (Path p : candidates) {
            if (Files.exists(p)) {
                return p;
            }
        }
        return candidates[0];
    }
}
