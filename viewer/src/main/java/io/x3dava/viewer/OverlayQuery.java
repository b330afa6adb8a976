package io.x3dava.viewer;

import io.x3dava.annotations.ava.Keyframe;

import java.util.List;
import java.util.NavigableSet;

/**
 * What is drawn at a time of a video, given the settings. Times are on the annotation clock (seconds, offset
 * included); keyframes are whole seconds. A frame within the tolerance before a keyframe counts as at it, so that
 * frame times just below the second (29.999...) still show it.
 */
public final class OverlayQuery {
    private final OverlayModel model;
    private final KeyframeOverlay keyframes;
    private final BoxInterpolator interpolator;

    public OverlayQuery(OverlayModel model) {
        this(model, new BoxInterpolator());
    }

    public OverlayQuery(OverlayModel model, BoxInterpolator interpolator) {
        this.model = model;
        this.keyframes = new KeyframeOverlay(model);
        this.interpolator = interpolator;
    }

    public OverlayModel model() {
        return model;
    }

    public FrameOverlay at(String videoId, double avaTime, OverlaySettings s) {
        NavigableSet<Integer> known = model.keyframes(videoId);
        double tol = s.keyframeTolerance();
        return switch (s.mode()) {
            case KEYFRAME_ONLY -> {
                int k = (int) Math.round(avaTime);
                yield Math.abs(avaTime - k) <= tol && known.contains(k) ? at(videoId, k, avaTime, s) : FrameOverlay.empty(avaTime);
            }
            case HOLD -> {
                int k = (int) Math.floor(avaTime + tol);
                yield known.contains(k) ? at(videoId, k, avaTime, s) : FrameOverlay.empty(avaTime);
            }
            case INTERPOLATE -> {
                int k = (int) Math.floor(avaTime + tol);
                double f = avaTime - k;
                if (!known.contains(k)) {
                    yield FrameOverlay.empty(avaTime);
                }
                if (f <= tol || !known.contains(k + 1)) {
                    yield at(videoId, k, avaTime, s); // at the keyframe, or no next one to move towards: hold
                }
                List<DrawnBox> moved = interpolator.interpolate(
                        keyframes.boxes(videoId, k, s), keyframes.boxes(videoId, k + 1, s), f);
                yield new FrameOverlay(avaTime, new Keyframe(videoId, k), moved);
            }
        };
    }

    private FrameOverlay at(String videoId, int k, double avaTime, OverlaySettings s) {
        return new FrameOverlay(avaTime, new Keyframe(videoId, k), keyframes.boxes(videoId, k, s));
    }

    /** The keyframe shown as current at a time (the last one at or before it, within the tolerance), or null. */
    public Integer currentKeyframe(String videoId, double avaTime, double tolerance) {
        return model.keyframes(videoId).floor((int) Math.floor(avaTime + tolerance));
    }

    /** The first keyframe strictly after the time (beyond the tolerance), or null. */
    public Integer nextKeyframe(String videoId, double avaTime, double tolerance) {
        return model.keyframes(videoId).higher((int) Math.floor(avaTime + tolerance));
    }

    /** The last keyframe strictly before the time (beyond the tolerance), or null. */
    public Integer previousKeyframe(String videoId, double avaTime, double tolerance) {
        return model.keyframes(videoId).lower((int) Math.ceil(avaTime - tolerance));
    }
}
