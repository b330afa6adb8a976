package io.x3dava.detector.check;

import io.x3dava.proposals.InferenceBoxes;

/**
 * What check-ava looks at.
 *
 * @param numFrames      frames per clip window (X3D-XS: 4, PySlowFast X3D_XS config)
 * @param samplingRate   frames between two clip frames at 30 fps (X3D-XS: 12)
 * @param threshold      proposal score kept at inference (0.8, paper section 5)
 * @param samples        keyframe windows decoded per split (evenly spaced); ignored with {@code full}
 * @param full           decode every frame of every keyframe window
 * @param minRecall      recall of ground-truth boxes at IoU 0.5 under which proposals are reported as a problem
 * @param expectedFrames frames each frame folder should hold; 0 = from the frame list, the cut clip, or 27,030
 */
public record AvaCheckConfig(int numFrames, int samplingRate, double threshold, int samples, boolean full,
                             double minRecall, long expectedFrames) {

    public AvaCheckConfig {
        if (numFrames < 1 || samplingRate < 1 || samples < 0 || expectedFrames < 0) {
            throw new IllegalArgumentException("check-ava needs frames >= 1, rate >= 1, samples >= 0 and expected"
                    + " frames >= 0");
        }
        if (threshold < 0 || threshold > 1 || minRecall < 0 || minRecall > 1) {
            throw new IllegalArgumentException("--threshold and --min-recall must be in [0, 1]");
        }
    }

    /** X3D-XS windows, the paper's threshold, 100 sampled windows per split, recall of at least 0.8. */
    public static AvaCheckConfig defaults() {
        return new AvaCheckConfig(4, 12, InferenceBoxes.SCORE_THRESHOLD, 100, false, 0.8, 0);
    }

    public AvaCheckConfig withWindow(int frames, int rate) {
        return new AvaCheckConfig(frames, rate, threshold, samples, full, minRecall, expectedFrames);
    }

    public AvaCheckConfig withThreshold(double t) {
        return new AvaCheckConfig(numFrames, samplingRate, t, samples, full, minRecall, expectedFrames);
    }

    public AvaCheckConfig withSamples(int n, boolean all) {
        return new AvaCheckConfig(numFrames, samplingRate, threshold, n, all, minRecall, expectedFrames);
    }

    public AvaCheckConfig withMinRecall(double r) {
        return new AvaCheckConfig(numFrames, samplingRate, threshold, samples, full, r, expectedFrames);
    }

    public AvaCheckConfig withExpectedFrames(long n) {
        return new AvaCheckConfig(numFrames, samplingRate, threshold, samples, full, minRecall, n);
    }
}
