package io.x3dava.detector.data;

import io.x3dava.annotations.ava.AvaBox;

import java.util.List;

/**
 * One person box of a keyframe with its actions (label-map ids; empty at inference).
 *
 * @param score detector confidence for proposals, 1 for ground truth
 */
public record AvaTarget(AvaBox box, List<Integer> actionIds, double score) {

    public AvaTarget {
        actionIds = List.copyOf(actionIds);
    }
}
