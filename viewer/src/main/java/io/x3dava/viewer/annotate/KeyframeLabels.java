package io.x3dava.viewer.annotate;

import java.util.List;

/**
 * The people of one keyframe; {@code confirmed} once the user has changed or accepted it (only confirmed keyframes are
 * written: pre-filled boxes and pre-ticked actions are suggestions until then).
 */
public record KeyframeLabels(List<PersonLabel> people, boolean confirmed) {
    public KeyframeLabels {
        people = List.copyOf(people);
    }

    /** Confirmed with at least one ticked action: what the CSV holds and "labelled" counts. */
    public boolean labelled() {
        return confirmed && people.stream().anyMatch(p -> !p.actions().isEmpty());
    }
}
