package io.x3dava.annotations.ava;

import java.util.List;

/** A person box of one keyframe with all its actions (multi-label); a negative box has an empty list. */
public record LabeledBox(AvaBox box, int personId, List<Integer> actionIds) {
    public LabeledBox {
        actionIds = List.copyOf(actionIds);
    }
}
