package io.x3dava.backbone.video;

/**
 * The temporal shape of a clip: {@code numFrames} frames (X3D's gamma_t) taken every {@code stride} frames
 * (gamma_tau) of a video resampled to {@code targetFps}. The stride is defined at the target rate so that a clip
 * covers the same duration whatever the source's native frame rate.
 */
public record ClipSpec(int numFrames, int stride, double targetFps) {
    public static final double DEFAULT_TARGET_FPS = 30.0;

    public ClipSpec {
        if (numFrames < 1) {
            throw new IllegalArgumentException("numFrames must be >= 1, got " + numFrames);
        }
        if (stride < 1) {
            throw new IllegalArgumentException("stride must be >= 1, got " + stride);
        }
        if (!(targetFps > 0)) {
            throw new IllegalArgumentException("targetFps must be > 0, got " + targetFps);
        }
    }

    public ClipSpec(int numFrames, int stride) {
        this(numFrames, stride, DEFAULT_TARGET_FPS);
    }

    /** Seconds between two consecutive sampled frames. */
    public double stepSeconds() {
        return stride / targetFps;
    }

    /** PySlowFast's clip_size in seconds: numFrames * stride / targetFps (includes the trailing stride). */
    public double durationSeconds() {
        return numFrames * stepSeconds();
    }
}
