package io.x3dava.backbone.train;

import java.util.List;

/**
 * The SOLVER section of a recipe (PySlowFast names in brackets).
 *
 * @param policy "cosine" (LR_POLICY cosine) or "steps" (steps_with_relative_lrs)
 * @param baseLr BASE_LR
 * @param maxEpoch MAX_EPOCH
 * @param warmupEpochs WARMUP_EPOCHS (0 = none)
 * @param warmupStartLr WARMUP_START_LR
 * @param cosineEndLr COSINE_END_LR (0 in the X3D recipes: the half-period cosine of the paper)
 * @param steps STEPS: epochs at which the next relative rate starts (first entry 0)
 * @param relativeLrs LRS: multipliers of baseLr per step interval (e.g. 1, 0.1, 0.01)
 */
public record ScheduleConfig(String policy, double baseLr, double maxEpoch, double warmupEpochs, double warmupStartLr,
                             double cosineEndLr, List<Double> steps, List<Double> relativeLrs) {

    public ScheduleConfig {
        steps = steps == null ? List.of() : List.copyOf(steps);
        relativeLrs = relativeLrs == null ? List.of() : List.copyOf(relativeLrs);
        if (!"cosine".equals(policy) && !"steps".equals(policy)) {
            throw new IllegalArgumentException("schedule policy must be \"cosine\" or \"steps\", got \"" + policy + "\"");
        }
        if (!(baseLr > 0) || !(maxEpoch > 0) || warmupEpochs < 0 || warmupEpochs >= maxEpoch) {
            throw new IllegalArgumentException("schedule needs baseLr > 0, maxEpoch > 0, 0 <= warmupEpochs < maxEpoch");
        }
        if ("steps".equals(policy) && (steps.isEmpty() || steps.size() != relativeLrs.size() || steps.get(0) != 0.0)) {
            throw new IllegalArgumentException("steps schedule needs steps starting at 0 and one relative lr per step");
        }
    }

    public static ScheduleConfig cosine(double baseLr, double maxEpoch, double warmupEpochs, double warmupStartLr) {
        return new ScheduleConfig("cosine", baseLr, maxEpoch, warmupEpochs, warmupStartLr, 0, List.of(), List.of());
    }

    public static ScheduleConfig steps(double baseLr, double maxEpoch, List<Double> steps, List<Double> relativeLrs,
                                       double warmupEpochs, double warmupStartLr) {
        return new ScheduleConfig("steps", baseLr, maxEpoch, warmupEpochs, warmupStartLr, 0, steps, relativeLrs);
    }

    /** The schedule this config describes. */
    public LearningRateSchedule build() {
        LearningRateSchedule main = "cosine".equals(policy) ? this::cosineAt : this::stepsAt;
        if (warmupEpochs <= 0) {
            return main;
        }
        // Linear from warmupStartLr to the main schedule's value at the end of warm-up (PySlowFast get_lr_at_epoch).
        double end = main.lr(warmupEpochs);
        return epoch -> epoch < warmupEpochs
                ? warmupStartLr + (end - warmupStartLr) * epoch / warmupEpochs
                : main.lr(epoch);
    }

    /** Half-period cosine: lr(n) = end + (base - end) * 0.5 * (cos(pi n / n_max) + 1); no floor. */
    private double cosineAt(double epoch) {
        return cosineEndLr + (baseLr - cosineEndLr) * 0.5 * (Math.cos(Math.PI * epoch / maxEpoch) + 1.0);
    }

    private double stepsAt(double epoch) {
        int i = 0;
        while (i + 1 < steps.size() && epoch >= steps.get(i + 1)) {
            i++;
        }
        return baseLr * relativeLrs.get(i);
    }
}
