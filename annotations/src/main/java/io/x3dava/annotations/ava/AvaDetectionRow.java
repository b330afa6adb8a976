package io.x3dava.annotations.ava;

/** One detection row: a box, one action and its score (double: the official evaluator parses scores as Python floats). */
public record AvaDetectionRow(Keyframe keyframe, AvaBox box, int actionId, double score) {}
