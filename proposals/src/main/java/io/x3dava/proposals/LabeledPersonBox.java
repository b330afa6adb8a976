package io.x3dava.proposals;

import io.x3dava.annotations.ava.AvaBox;

import java.util.Set;

/**
 * A training box of one keyframe with its action labels (multi-label; empty for a negative ground-truth box).
 * {@code fromGroundTruth} tells annotated boxes from proposals that inherited the labels of a matching one.
 */
public record LabeledPersonBox(AvaBox box, Set<Integer> actionIds, boolean fromGroundTruth) {
    public LabeledPersonBox {
        actionIds = Set.copyOf(actionIds);
    }
}
