package io.x3dava.annotations.cvat;

import java.util.List;

/**
 * One {@code <box>} of a track: frame number, corners in pixels (xtl, ytl, xbr, ybr), whether the object has left the
 * frame ({@code outside}), is occluded, and whether the box is a CVAT key frame (the others are CVAT's own
 * interpolation, listed in exports).
 */
public record CvatBox(int frame, double xtl, double ytl, double xbr, double ybr, boolean outside, boolean occluded,
                      boolean keyframe, List<CvatAttribute> attributes, int line) {
    public CvatBox {
        attributes = List.copyOf(attributes);
    }

    /** The same box moved to other corners (attributes and flags kept): CVAT's interpolated boxes. */
    CvatBox withCorners(int atFrame, double x1, double y1, double x2, double y2) {
        return new CvatBox(atFrame, x1, y1, x2, y2, outside, occluded, false, attributes, line);
    }
}
