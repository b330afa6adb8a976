package io.x3dava.viewer;

/**
 * The user's drawing choices.
 *
 * @param threshold actions with a lower score are not shown (a box with none left is not drawn)
 * @param topK at most this many actions per box
 * @param keyframeTolerance seconds around a keyframe that count as "at" it (half a frame: one frame shows it)
 */
public record OverlaySettings(DrawMode mode, double threshold, int topK, ClassFilter filter, double keyframeTolerance) {
    public static final double DEFAULT_TOLERANCE = 0.5 / 30;

    public OverlaySettings {
        if (topK < 1) {
            throw new IllegalArgumentException("top-k must be >= 1, got " + topK);
        }
        if (!(keyframeTolerance >= 0)) {
            throw new IllegalArgumentException("keyframe tolerance must be >= 0, got " + keyframeTolerance);
        }
    }

    public static OverlaySettings defaults() {
        return new OverlaySettings(DrawMode.HOLD, 0.3, 3, ClassFilter.all(), DEFAULT_TOLERANCE);
    }

    public OverlaySettings withMode(DrawMode m) {
        return new OverlaySettings(m, threshold, topK, filter, keyframeTolerance);
    }

    public OverlaySettings withThreshold(double t) {
        return new OverlaySettings(mode, t, topK, filter, keyframeTolerance);
    }

    public OverlaySettings withTopK(int k) {
        return new OverlaySettings(mode, threshold, k, filter, keyframeTolerance);
    }

    public OverlaySettings withFilter(ClassFilter f) {
        return new OverlaySettings(mode, threshold, topK, f, keyframeTolerance);
    }

    public OverlaySettings withKeyframeTolerance(double s) {
        return new OverlaySettings(mode, threshold, topK, filter, s);
    }
}
