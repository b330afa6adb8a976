package io.x3dava.backbone.train;

import ai.djl.Device;
import ai.djl.engine.Engine;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * How a training run is carried out (the recipe itself is in {@link ScheduleConfig} and {@link SgdConfig}).
 *
 * @param outputDir checkpoints/, metrics.jsonl and the loss plot go here
 * @param maxEpoch epochs to train (the schedule's MAX_EPOCH)
 * @param checkpointPeriod write a checkpoint every this many epochs (and always at the end)
 * @param keepLast number of checkpoints kept
 * @param evalPeriod run the evaluation callback every this many epochs (and at the end); 0 = never
 * @param explodeLoss a finite loss above this stops the run as diverged
 * @param devices devices to train on, data-parallel when more than one; empty = every visible GPU, else the CPU
 * @param seed the recipe's seed: libtorch's generator (dropout) is re-seeded from it at every step ({@link StepSeeds})
 */
public record TrainerConfig(Path outputDir, int maxEpoch, int checkpointPeriod, int keepLast, int evalPeriod,
                            double explodeLoss, List<Device> devices, long seed) {

    public TrainerConfig(Path outputDir, int maxEpoch, int checkpointPeriod, int keepLast, int evalPeriod,
                         double explodeLoss) {
        this(outputDir, maxEpoch, checkpointPeriod, keepLast, evalPeriod, explodeLoss, List.of());
    }

    public TrainerConfig(Path outputDir, int maxEpoch, int checkpointPeriod, int keepLast, int evalPeriod,
                         double explodeLoss, List<Device> devices) {
        this(outputDir, maxEpoch, checkpointPeriod, keepLast, evalPeriod, explodeLoss, devices, 0L);
    }

    /** The same run with the recipe's seed (PySlowFast RNG_SEED, default 0). */
    public TrainerConfig withSeed(long runSeed) {
        return new TrainerConfig(outputDir, maxEpoch, checkpointPeriod, keepLast, evalPeriod, explodeLoss, devices,
                runSeed);
    }

    public TrainerConfig {
        devices = List.copyOf(devices);
        if (maxEpoch <= 0 || checkpointPeriod <= 0 || keepLast <= 0 || evalPeriod < 0 || !(explodeLoss > 0)) {
            throw new IllegalArgumentException("trainer needs maxEpoch, checkpointPeriod, keepLast > 0, evalPeriod >= 0"
                    + " and explodeLoss > 0");
        }
    }

    /** The devices a run uses: those given, or all visible GPUs (DJL lists the CPU when there is none). */
    public List<Device> resolvedDevices() {
        return devices.isEmpty() ? Arrays.asList(Engine.getInstance().getDevices()) : devices;
    }

}
