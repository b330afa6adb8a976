package io.x3dava.backbone.classify;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.x3dava.annotations.json.Json;
import io.x3dava.backbone.train.ScheduleConfig;
import io.x3dava.backbone.train.SgdConfig;
import io.x3dava.backbone.x3d.ShortSideRatio;
import io.x3dava.backbone.x3d.X3DConfig;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A clip-classification run (Kinetics pre-training or Charades fine-tuning) as one JSON document; every field has the
 * X3D recipe's default (paper section 4 / PySlowFast configs, learning rate scaled linearly to the batch).
 *
 * @param task Kinetics (softmax, single label) or Charades (sigmoid, multi-label)
 * @param model the network; its numFrames / samplingRate / trainCrop / testCrop define the clips
 * @param format "kinetics-csv" (official CSV + videos/<class>/), "path-label" (PySlowFast lists), "charades-csv"
 *     (Charades_v1_*.csv + videos or frame folders) or "charades-frame-lists" (SlowFast frame_lists/*.csv + frames/)
 * @param trainList training annotation file
 * @param valList validation / test annotation file
 * @param videoRoot folder holding the videos (or the path prefix of path-label lists)
 * @param classList class names file (Kinetics: one per line; Charades: Charades_v1_classes.txt)
 * @param batchSize clips per optimizer step
 * @param schedule learning-rate schedule; its maxEpoch is the run's length
 * @param sgd momentum, Nesterov, weight decay
 * @param jitterMin smallest short side of the training scale jitter (paper: 128 * gamma_s ... here in pixels)
 * @param jitterMax largest short side of the jitter
 * @param inverseUniform sample the scale as PySlowFast's inverse-uniform jitter
 * @param testClips temporal clips per video at test time (K)
 * @param testCrops spatial crops per clip at test time (1 center, 3 left-center-right)
 * @param workers decoding threads
 * @param seed data order and initialisation seed
 * @param evalPeriod evaluate on valList every this many epochs (0: only at the end)
 * @param checkpointPeriod checkpoint every this many epochs
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record ClassificationRecipe(ClassificationTask task, X3DConfig model, String format, Path trainList, Path valList,
                                   Path videoRoot, Path classList, int batchSize, ScheduleConfig schedule,
                                   SgdConfig sgd, int jitterMin, int jitterMax, boolean inverseUniform, int testClips,
                                   int testCrops, int workers, long seed, int evalPeriod, int checkpointPeriod) {

    private static final ObjectMapper JSON = Json.mapper();

    public ClassificationRecipe {
        if (task == null || model == null || format == null || trainList == null || valList == null || videoRoot == null
                || classList == null || schedule == null || sgd == null) {
            throw new IllegalArgumentException("recipe needs task, model, format, trainList, valList, videoRoot, classList,"
                    + " schedule and sgd");
        }
        if (batchSize <= 0 || workers <= 0 || testClips <= 0 || (testCrops != 1 && testCrops != 3)
                || jitterMin <= 0 || jitterMax < jitterMin || jitterMin < model.trainCrop()) {
            throw new IllegalArgumentException("recipe needs batchSize, workers, testClips > 0, testCrops 1 or 3, and "
                    + "trainCrop <= jitterMin <= jitterMax (got crop " + model.trainCrop() + ", jitter " + jitterMin
                    + ".." + jitterMax + ")");
        }
    }

    public boolean multiLabel() {
        return task.multiLabel();
    }

    public int epochs() {
        return (int) Math.ceil(schedule.maxEpoch());
    }

    /**
     * PySlowFast's X3D Kinetics recipe: half-period cosine, warm-up for 35/300 of the run from lr/160 (0.01 at 1.6),
     * lr 1.6 per 1024 clips, Nesterov momentum 0.9, weight decay 5e-5.
     */
    public static ClassificationRecipe kinetics(X3DConfig model, String format, Path train, Path val, Path videos,
                                                Path classes, int batchSize, int epochs) {
        double lr = 1.6 * batchSize / 1024.0;
        double warmup = epochs * 35.0 / 300.0;
        // Scale jitter [182, 228] for a 160 crop scales with the crop as the X3D configs (train_jitter_scales).
        int jMin = ShortSideRatio.KINETICS_JITTER_MIN.of(model.trainCrop());
        int jMax = ShortSideRatio.KINETICS_JITTER_MAX.of(model.trainCrop());
        return new ClassificationRecipe(ClassificationTask.KINETICS, model, format, train, val, videos, classes, batchSize,
                ScheduleConfig.cosine(lr, epochs, warmup, lr / 160.0), SgdConfig.x3d(5e-5),
                jMin, jMax, false, 10, 3, Runtime.getRuntime().availableProcessors(), 0, 1, 1);
    }

    /**
     * Charades fine-tuning (paper section 4.2 follows the SlowFast Charades recipe): the Kinetics clip at twice the
     * temporal stride, step decay x0.1 at 80% and 90% of the run, weight decay 1e-5, lr 0.02 per 16 clips.
     */
    public static ClassificationRecipe charades(X3DConfig kineticsModel, int numClasses, Path train, Path test,
                                                Path videos, Path classes, int batchSize, int epochs) {
        X3DConfig m = kineticsModel.withNumClasses(numClasses)
                .withClip(kineticsModel.numFrames(), kineticsModel.samplingRate() * 2, kineticsModel.trainCrop());
        double lr = 0.02 * batchSize / 16.0;
        int jMin = ShortSideRatio.KINETICS_JITTER_MIN.of(m.trainCrop());
        int jMax = ShortSideRatio.KINETICS_JITTER_MAX.of(m.trainCrop());
        return new ClassificationRecipe(ClassificationTask.CHARADES, m, "charades-csv", train, test, videos, classes, batchSize,
                ScheduleConfig.steps(lr, epochs, java.util.List.of(0.0, 0.8 * epochs, 0.9 * epochs),
                        java.util.List.of(1.0, 0.1, 0.01), 0, 0),
                new SgdConfig(0.9, true, 1e-5, 0), jMin, jMax, false, 10, 3,
                Runtime.getRuntime().availableProcessors(), 0, 1, 1);
    }

    public String toJson() throws IOException {
        return JSON.writeValueAsString(this);
    }

    public static ClassificationRecipe read(Path file) throws IOException {
        return Json.read(file, ClassificationRecipe.class);
    }

    /** The same recipe on other annotation files. */
    public ClassificationRecipe withData(String newFormat, Path train, Path val, Path videos) {
        return new ClassificationRecipe(task, model, newFormat, train, val, videos, classList, batchSize, schedule, sgd,
                jitterMin, jitterMax, inverseUniform, testClips, testCrops, workers, seed, evalPeriod,
                checkpointPeriod);
    }

    public ClassificationRecipe with(X3DConfig newModel, int newBatch, ScheduleConfig newSchedule, int newJMin,
                                     int newJMax, int newWorkers, int newTestClips, int newTestCrops) {
        return new ClassificationRecipe(task, newModel, format, trainList, valList, videoRoot, classList, newBatch,
                newSchedule, sgd, newJMin, newJMax, inverseUniform, newTestClips, newTestCrops, newWorkers, seed,
                evalPeriod, checkpointPeriod);
    }
}
