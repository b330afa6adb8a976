package io.x3dava.detector.video;

import java.io.Serializable;

/**
 * How a source is read.
 *
 * @param timeoutSeconds the longest wait for data (opening, the first key frame, every read) before the source counts
 *                       as dead; 10 s by default
 * @param reconnect whether a live source that ends or goes silent is opened again (with back-off) instead of ending
 *                  the run
 */
public record StreamSettings(double timeoutSeconds, boolean reconnect) implements Serializable {
    private static final long serialVersionUID = 1L;

    public StreamSettings {
        if (!(timeoutSeconds > 0 && timeoutSeconds <= 3600)) {
            throw new IllegalArgumentException("--stream-timeout must be in (0, 3600] seconds, got " + timeoutSeconds);
        }
    }

    public static StreamSettings defaults() {
        return new StreamSettings(10.0, false);
    }

    public StreamSettings withTimeoutSeconds(double s) {
        return new StreamSettings(s, reconnect);
    }

    public StreamSettings withReconnect(boolean r) {
        return new StreamSettings(timeoutSeconds, r);
    }

    long timeoutMicros() {
        return Math.round(timeoutSeconds * 1e6);
    }
}
