package io.x3dava.backbone.video;

import java.nio.file.Path;

/**
 * One sample to decode: a video (file or frame folder), the clip shape, where the clip sits in time, and the short
 * side to decode at (FFmpeg / Java2D resize; {@code <= 0} = native). {@code tag} is carried through untouched (a
 * label, a keyframe id...).
 */
public record ClipRequest(Path video, ClipSpec spec, Placement placement, int shortSide, Object tag) {
    public ClipRequest(Path video, ClipSpec spec, Placement placement, int shortSide) {
        this(video, spec, placement, shortSide, null);
    }
}
