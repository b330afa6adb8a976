package io.x3dava.viewer;

/**
 * Video clock to annotation clock: AVA timestamps count from the start of the full movie, and the AVA 15-minute cuts
 * start at 900 s, so a cut's frame at video time t is annotated at 900 + t. Plain videos use offset 0.
 */
public record TimeMapping(double offsetSeconds) {
    public static final double AVA_CUT_START = 900.0;

    public static TimeMapping none() {
        return new TimeMapping(0.0);
    }

    public static TimeMapping avaCut() {
        return new TimeMapping(AVA_CUT_START);
    }

    public double avaTime(double videoTime) {
        return videoTime + offsetSeconds;
    }

    public double videoTime(double avaTime) {
        return avaTime - offsetSeconds;
    }
}
