package io.x3dava.detector.cvat;

import io.x3dava.annotations.AnnotationFormatException;
import io.x3dava.annotations.ava.AvaCsv;
import io.x3dava.annotations.ava.AvaDetectionRow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A model's detections at whole-second keyframes, as pre-annotation (export-cvat, annotate): detect-video's
 * {@code actions_keyframes.csv} or any AVA detections CSV. An empty file (detect-video without a checkpoint) is no
 * detections; a file of fractional seconds (detect-video's 4 Hz {@code actions.csv}) is refused with the file to give.
 */
public final class KeyframeDetections {
    private KeyframeDetections() {
    }

    public static List<AvaDetectionRow> read(Path file) throws IOException {
        if (Files.isRegularFile(file) && Files.size(file) == 0) {
            return List.of();
        }
        try {
            return AvaCsv.readDetections(file);
        } catch (AnnotationFormatException e) {
            if (e.getMessage().contains("(timestamp): expected an integer")) {
                throw new AnnotationFormatException(e.file(), e.line(), "expected whole-second keyframes, got a "
                        + "fractional second (detect-video's 4 Hz actions.csv?): give its actions_keyframes.csv");
            }
            throw e;
        }
    }
}
