package io.x3dava.backbone.train;

import java.nio.file.Path;

/**
 * How a training run is carried out (the recipe itself is in {@link ScheduleConfig} and {@link SgdConfig}).
 *
 * @param outputDir checkpoints/, metrics.jsonl and the loss plot go here
 * @param maxEpoch epochs to train (the schedule's MAX_EPOCH)
 * @param checkpointPeriod write a checkpoint every this many epochs (and always at the end)
 * @param keepLast number of checkpoints kept
 * @param evalPeriod run the evaluation callback every this many epochs (and at the end); 0 = never
 * @param explodeLoss a finite loss above this stops the run as diverged
 */
public record TrainerConfig(Path outputDir, int maxEpoch, int checkpointPeriod, int keepLast, int evalPeriod,
                            double explodeLoss) {

    public TrainerConfig {
        if (maxEpoch <= 0 || checkpointPeriod <= 0 || keepLast <= 0 || evalPeriod < 0 || !(explodeLoss > 0)) {
            throw new IllegalArgumentException("trainer needs maxEpoch, checkpointPeriod, keepLast > 0, evalPeriod >= 0"
                    + " and explodeLoss > 0");
        }
    }

    public static TrainerConfig of(Path outputDir, int maxEpoch) {
        return new TrainerConfig(outputDir, maxEpoch, 1, 3, 1, 1e4);
    }
}
