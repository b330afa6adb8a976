package io.x3dava.viewer.annotate;

import io.x3dava.annotations.ava.AvaBox;

import java.util.Set;
import java.util.TreeSet;

/** One person box of a keyframe with its person id (the track id where there is one) and ticked actions. */
public record PersonLabel(int personId, AvaBox box, Set<Integer> actions) {
    /** Boxes are kept to 4 decimals (0.1 px at 1000 px): the CSV shows what the window shows. */
    static final double SCALE = 1e4;

    public PersonLabel {
        actions = java.util.Collections.unmodifiableSet(new TreeSet<>(actions));
        box = rounded(box);
    }

    PersonLabel withBox(AvaBox b) {
        return new PersonLabel(personId, b, actions);
    }

    PersonLabel withActions(Set<Integer> a) {
        return new PersonLabel(personId, box, a);
    }

    /** Corners ordered, clamped to the frame and rounded to 4 decimals. */
    static AvaBox rounded(AvaBox b) {
        return new AvaBox(r(Math.min(b.x1(), b.x2())), r(Math.min(b.y1(), b.y2())), r(Math.max(b.x1(), b.x2())),
                r(Math.max(b.y1(), b.y2())));
    }

    private static double r(double v) {
        return Math.round(Math.max(0, Math.min(1, v)) * SCALE) / SCALE;
    }
}
