package io.x3dava.backbone.predict;

import java.nio.file.Path;

/**
 * The input of the DJL predictors: the clip of a video centred at {@code seconds} (the model's frame count and
 * sampling rate, as PySlowFast samples test clips), decoded with FFmpeg from any file or frame folder the project reads.
 */
public record VideoClip(Path video, double seconds) {
}
