package io.x3dava.eval.ava;

/**
 * One class's outcome: AP is NaN when the class has no ground truth (left out of the mean, as the official code does).
 * {@code apLowest}/{@code apHighest} bound the AP over all orders of tied scores; {@code mixedTieDetections} counts the
 * detections in groups of equal scores that hold both TPs and FPs (the only ones whose order moves the AP).
 */
public record ClassResult(int id, String name, double ap, int groundTruthBoxes, int detections, double apLowest,
        double apHighest, int mixedTieDetections) {

    /** A class without tie information (AP known exactly). */
    public ClassResult(int id, String name, double ap, int groundTruthBoxes, int detections) {
        this(id, name, ap, groundTruthBoxes, detections, ap, ap, 0);
    }
}
