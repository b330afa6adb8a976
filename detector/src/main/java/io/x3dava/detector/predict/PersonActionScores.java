package io.x3dava.detector.predict;

import ai.djl.modality.Classifications;

import java.util.List;

/**
 * The output of the AVA detector's predictor: per input box (same order) the per-class sigmoid scores as DJL
 * {@link Classifications}, named with the checkpoint's label map (several actions per person can score high at once).
 */
public record PersonActionScores(List<Classifications> boxes) {
    public PersonActionScores {
        boxes = List.copyOf(boxes);
    }
}
