package io.x3dava.detector.predict;

import io.x3dava.annotations.ava.AvaBox;

import java.nio.file.Path;
import java.util.List;

/**
 * The input of the AVA detector's predictor: the clip of {@code video} centred at {@code seconds} and the person boxes
 * at that moment, normalised to the frame (x1, y1, x2, y2 in [0, 1], AVA's convention; from a person detector, a
 * proposals file or a tracker).
 */
public record PeopleInClip(Path video, double seconds, List<AvaBox> boxes) {
    public PeopleInClip {
        boxes = List.copyOf(boxes);
    }
}
