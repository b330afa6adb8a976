package io.x3dava.viewer;

import java.awt.image.BufferedImage;

/** A decoded frame and its time on the video clock (seconds from the first frame). */
public record VideoFrame(BufferedImage image, double time) {}
