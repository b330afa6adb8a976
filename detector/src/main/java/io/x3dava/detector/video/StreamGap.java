package io.x3dava.detector.video;

/**
 * A stretch of a live source without frames, after which it was opened again ({@code --reconnect}): video times
 * {@code [fromSeconds, toSeconds)} hold no frame, and nothing was detected there.
 */
public record StreamGap(double fromSeconds, double toSeconds, String reason) {
}
