package io.x3dava.detector.video;

import java.awt.image.BufferedImage;

/**
 * One decoded frame: its index on the video's frame grid (round(seconds * fps)), its time from the start of the
 * video, and the image (3-byte BGR, owned by the receiver).
 */
public record StreamFrame(long index, double seconds, BufferedImage image) {
}
