package io.x3dava.detector.video;

import java.io.Serializable;

/**
 * How often and how long to predict.
 *
 * @param rate predictions per second (person boxes, tracks and actions); 4 by default, four times AVA's 1 Hz keyframes
 * @param maxSeconds process video times [0, maxSeconds) (live sources run until stopped otherwise); infinite by default
 * @param maxLagSeconds live sources only: a frame that arrives more than this far behind the live stream (the machine
 *                      is slower than the stream) is read but not processed, so that the run keeps up instead of
 *                      falling ever further behind; 3 s by default
 */
public record VideoDetectionSettings(double rate, double maxSeconds, double maxLagSeconds) implements Serializable {
    private static final long serialVersionUID = 1L;

    public VideoDetectionSettings {
        if (!(rate > 0 && rate <= 120)) {
            throw new IllegalArgumentException("--rate must be in (0, 120] predictions per second, got " + rate);
        }
        if (!(maxSeconds > 0)) {
            throw new IllegalArgumentException("--duration must be > 0 s, got " + maxSeconds);
        }
        if (!(maxLagSeconds > 0)) {
            throw new IllegalArgumentException("--max-lag must be > 0 s, got " + maxLagSeconds);
        }
    }

    public static VideoDetectionSettings defaults() {
        return new VideoDetectionSettings(4.0, Double.POSITIVE_INFINITY, 3.0);
    }

    public VideoDetectionSettings withRate(double r) {
        return new VideoDetectionSettings(r, maxSeconds, maxLagSeconds);
    }

    public VideoDetectionSettings withMaxSeconds(double s) {
        return new VideoDetectionSettings(rate, s, maxLagSeconds);
    }

    public VideoDetectionSettings withMaxLagSeconds(double s) {
        return new VideoDetectionSettings(rate, maxSeconds, s);
    }
}
