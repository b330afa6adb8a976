package io.x3dava.annotations.ava;

/** One ground-truth row: a box with one action (-1 = negative box in SlowFast training files) and a person id (-1 if absent). */
public record AvaGroundTruthRow(Keyframe keyframe, AvaBox box, int actionId, int personId) {}
