package io.x3dava.backbone.video;

/**
 * What a frame folder does when a clip needs a frame that its frame list (or file-name pattern) names but that is
 * missing or cannot be decoded. Clamping at the ends of a video is not a gap and happens under both policies, as
 * PySlowFast clamps (utils.get_sequence, charades.py get_seq_frames).
 */
public enum MissingFramePolicy {
    /** The clip fails with a {@link MissingFrameException} naming the frames (PySlowFast fails on them too). */
    FAIL,
    /** The nearest readable frame of the video stands in (the earlier one on a tie): {@code --pad-missing-frames}. */
    REPEAT_NEAREST
}
