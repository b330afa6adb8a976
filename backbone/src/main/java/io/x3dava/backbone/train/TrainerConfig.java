package io.x3dava.backbone.train;

import ai.djl.Device;
import ai.djl.engine.Engine;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

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
 * @param checkpointFiles text files written into every checkpoint beside config.json (name to content), e.g. the
 *     detector's label map, so that a checkpoint carries its class names
 */
public record TrainerConfig(Path outputDir, int maxEpoch, int checkpointPeriod, int keepLast, int evalPeriod,
                            double explodeLoss, List<Device> devices, long seed, Map<String, String> checkpointFiles) {

    /** A run of {@code maxEpoch} epochs writing to {@code outputDir}, with the defaults below. */
    public static Builder builder(Path outputDir, int maxEpoch) {
        return new Builder(outputDir, maxEpoch);
    }

    /** Named construction of a {@link TrainerConfig}. */
    public static final class Builder {
        private final Path outputDir;
        private final int maxEpoch;
        /** PySlowFast TRAIN.CHECKPOINT_PERIOD = 1. */
        private int checkpointPeriod = 1;
        private int keepLast = 3;
        /** 0: the evaluation callback never runs during training. */
        private int evalPeriod;
        /** A finite loss above this is a diverged run, not a bad batch. */
        private double explodeLoss = 1e4;
        private List<Device> devices = List.of();
        /** PySlowFast RNG_SEED = 0. */
        private long seed;
        private Map<String, String> checkpointFiles = Map.of();

        private Builder(Path outputDir, int maxEpoch) {
            this.outputDir = outputDir;
            this.maxEpoch = maxEpoch;
        }

        public Builder optCheckpointPeriod(int epochs) {
            this.checkpointPeriod = epochs;
            return this;
        }

        public Builder optKeepLast(int checkpoints) {
            this.keepLast = checkpoints;
            return this;
        }

        public Builder optEvalPeriod(int epochs) {
            this.evalPeriod = epochs;
            return this;
        }

        public Builder optExplodeLoss(double loss) {
            this.explodeLoss = loss;
            return this;
        }

        public Builder optDevices(List<Device> runDevices) {
            this.devices = runDevices;
            return this;
        }

        public Builder optSeed(long runSeed) {
            this.seed = runSeed;
            return this;
        }

        public Builder optCheckpointFiles(Map<String, String> files) {
            this.checkpointFiles = files;
            return this;
        }

        public TrainerConfig build() {
            return new TrainerConfig(outputDir, maxEpoch, checkpointPeriod, keepLast, evalPeriod, explodeLoss, devices,
                    seed, checkpointFiles);
        }
    }

    public TrainerConfig {
        devices = List.copyOf(devices);
        checkpointFiles = Map.copyOf(checkpointFiles);
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
