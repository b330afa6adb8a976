package io.x3dava.backbone.video;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Frame indices of a clip. Sampled times are t_j = t_0 + j * stride / targetFps and map to source frames by
 * idx = round(t * sourceFps) (half up), so the stride keeps its duration whatever the source rate; indices are
 * clamped to [0, frameCount - 1] (a short video repeats its first / last frame).
 */
public final class TemporalSampler {
    private TemporalSampler() {}

    public static long[] indices(long frameCount, double fps, ClipSpec spec, Placement placement) {
        if (placement instanceof Placement.Centered c) {
            return centered(frameCount, fps, spec, c.seconds());
        }
        if (placement instanceof Placement.RandomStart r) {
            // SplittableRandom mixes the seed: java.util.Random's first draws for seeds 1, 2, 3... are nearly equal.
            return random(frameCount, fps, spec, new SplittableRandom(r.seed()));
        }
        Placement.Uniform u = (Placement.Uniform) placement;
        return uniform(frameCount, fps, spec, u.index(), u.count());
    }

    /**
     * Clip centred on {@code centerSeconds}: output frame numFrames/2 (integer division) is the centre, as in
     * PySlowFast's AVA loader ({@code range(center - T/2*tau, center + T/2*tau, tau)}).
     */
    public static long[] centered(long frameCount, double fps, ClipSpec spec, double centerSeconds) {
        check(frameCount, fps);
        double t0 = centerSeconds - (spec.numFrames() / 2) * spec.stepSeconds();
        return fromStartSeconds(frameCount, fps, spec, t0);
    }

    /** Training: start uniform in [0, delta] source frames, delta = max(frameCount - clipSize, 0). */
    public static long[] random(long frameCount, double fps, ClipSpec spec, RandomGenerator rnd) {
        check(frameCount, fps);
        double start = rnd.nextDouble() * delta(frameCount, fps, spec);
        return fromStartSeconds(frameCount, fps, spec, start / fps);
    }

    /**
     * Testing, clip i of K: start = delta * i / (K - 1) source frames (K = 1: delta / 2, the centre clip), so the
     * first clip starts at frame 0 and the last one ends at the end of the video (PySlowFast's get_start_end_idx with
     * uniform offsets).
     */
    public static long[] uniform(long frameCount, double fps, ClipSpec spec, int clipIndex, int numClips) {
        check(frameCount, fps);
        if (numClips < 1 || clipIndex < 0 || clipIndex >= numClips) {
            throw new IllegalArgumentException("need 0 <= clipIndex < numClips, got " + clipIndex + " of " + numClips);
        }
        double delta = delta(frameCount, fps, spec);
        double start = numClips == 1 ? delta / 2 : delta * clipIndex / (numClips - 1);
        return fromStartSeconds(frameCount, fps, spec, start / fps);
    }

    /** PySlowFast's clip_size: numFrames * stride frames at the target rate, in source frames. */
    public static double clipSizeFrames(double fps, ClipSpec spec) {
        return spec.durationSeconds() * fps;
    }

    private static double delta(long frameCount, double fps, ClipSpec spec) {
        return Math.max(frameCount - clipSizeFrames(fps, spec), 0);
    }

    private static long[] fromStartSeconds(long frameCount, double fps, ClipSpec spec, double t0) {
        long[] out = new long[spec.numFrames()];
        for (int j = 0; j < out.length; j++) {
            // Small epsilon: times like 0.5 * 30 must round up even when the product lands at 14.999999.
            long idx = (long) Math.floor((t0 + j * spec.stepSeconds()) * fps + 0.5 + 1e-9);
            out[j] = Math.max(0, Math.min(frameCount - 1, idx));
        }
        return out;
    }

    private static void check(long frameCount, double fps) {
        if (frameCount < 1) {
            throw new IllegalArgumentException("frameCount must be >= 1, got " + frameCount);
        }
        if (!(fps > 0)) {
            throw new IllegalArgumentException("fps must be > 0, got " + fps);
        }
    }
}
