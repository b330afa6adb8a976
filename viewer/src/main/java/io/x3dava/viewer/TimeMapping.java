package io.x3dava.viewer;

import io.x3dava.annotations.ava.AvaTime;

/**
 * The viewer's clock setting: annotation time = video time + offset. AVA timestamps count from the start of the full
 * movie and the 15-minute cuts start at {@link AvaTime#OFFSET_SECONDS}; plain videos (and detect-video's output) use
 * offset 0. The arithmetic is AVA time's ({@link AvaTime}), the one home of it.
 */
public record TimeMapping(double offsetSeconds) {
    public static final double AVA_CUT_START = AvaTime.OFFSET_SECONDS;

    public static TimeMapping none() {
        return new TimeMapping(0.0);
    }

    public static TimeMapping avaCut() {
        return new TimeMapping(AVA_CUT_START);
    }

    public double avaTime(double videoTime) {
        return clock().movieSeconds(videoTime);
    }

    public double videoTime(double avaTime) {
        return clock().videoSeconds(avaTime);
    }

    private AvaTime clock() {
        return AvaTime.withOffset(offsetSeconds);
    }
}
