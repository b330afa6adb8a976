package io.x3dava.viewer;

import java.util.NavigableSet;
import java.util.OptionalLong;

/**
 * "Keyframe >|" and "|< Keyframe" in frames: the frame of a keyframe is the one nearest to it (within half a frame), so
 * at 29.97 fps keyframe 903 of an AVA cut is frame 90 (3.003 s), and the next jump starts from that keyframe, not from
 * the one before it. Keyframes whose frame would fall outside the video are skipped.
 */
public record KeyframeNavigator(OverlayQuery query, String videoId, TimeMapping time, FrameClock clock) {

    /** Frame of the first keyframe after the one shown at {@code frame}, or empty. */
    public OptionalLong next(long frame) {
        NavigableSet<Integer> keyframes = query.model().keyframes(videoId);
        Integer k = query.nextKeyframe(videoId, avaTime(frame), clock.halfFrame());
        for (; k != null; k = keyframes.higher(k)) {
            double t = time.videoTime(k);
            if (t > clock.time(clock.frameCount() - 1) + clock.halfFrame()) {
                return OptionalLong.empty();
            }
            long i = clock.index(t);
            if (i > frame) {
                return OptionalLong.of(i);
            }
        }
        return OptionalLong.empty();
    }

    /** Frame of the last keyframe before the time shown at {@code frame}, or empty. */
    public OptionalLong previous(long frame) {
        NavigableSet<Integer> keyframes = query.model().keyframes(videoId);
        Integer k = query.previousKeyframe(videoId, avaTime(frame), clock.halfFrame());
        for (; k != null; k = keyframes.lower(k)) {
            double t = time.videoTime(k);
            if (t < -clock.halfFrame()) {
                return OptionalLong.empty();
            }
            long i = clock.index(t);
            if (i < frame) {
                return OptionalLong.of(i);
            }
        }
        return OptionalLong.empty();
    }

    private double avaTime(long frame) {
        return time.avaTime(clock.time(frame));
    }
}
