package io.x3dava.eval.ava;

/** One class's outcome: AP is NaN when the class has no ground truth (left out of the mean, as the official code does). */
public record ClassResult(int id, String name, double ap, int groundTruthBoxes, int detections) {}
