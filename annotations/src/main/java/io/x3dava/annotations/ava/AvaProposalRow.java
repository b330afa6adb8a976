package io.x3dava.annotations.ava;

/**
 * A person proposal (SlowFast's ava_detection_*_boxes_and_labels.csv: empty action column, detector score in column 8).
 * {@code actionId} is 0 when the row has no action (the usual case) and the action id when a labelled variant is read.
 */
public record AvaProposalRow(Keyframe keyframe, AvaBox box, int actionId, double score) {}
