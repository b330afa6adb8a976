package io.x3dava.viewer;

import io.x3dava.annotations.ava.Keyframe;

import java.util.List;

/**
 * What is drawn over one frame.
 *
 * @param avaTime the frame's time on the annotation clock (seconds, offset included)
 * @param keyframe the keyframe the boxes come from (the earlier one when interpolating), or null when none is shown
 */
public record FrameOverlay(double avaTime, Keyframe keyframe, List<DrawnBox> boxes) {
    public FrameOverlay {
        boxes = List.copyOf(boxes);
    }

    public static FrameOverlay empty(double avaTime) {
        return new FrameOverlay(avaTime, null, List.of());
    }
}
