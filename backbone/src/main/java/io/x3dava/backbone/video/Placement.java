package io.x3dava.backbone.video;

/** Where a clip is taken in time: the three ways X3D / SlowFast sample clips. */
public sealed interface Placement {
    /** Centred on a time in seconds (AVA keyframes): the keyframe is output frame numFrames/2. */
    record Centered(double seconds) implements Placement {}

    /** Random start (training); the seed makes a sample reproducible whatever thread decodes it. */
    record RandomStart(long seed) implements Placement {}

    /** Clip {@code index} of {@code count} uniformly spaced clips (multi-view testing). */
    record Uniform(int index, int count) implements Placement {
        public Uniform {
            if (count < 1 || index < 0 || index >= count) {
                throw new IllegalArgumentException("need 0 <= index < count, got " + index + " of " + count);
            }
        }
    }
}
