package io.x3dava.backbone.synthetic;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The classes of the generated data set: still, moving sideways (bouncing between the left and right edges), moving
 * vertically (bouncing between top and bottom), pulsing in size. They are unchanged by the horizontal flip of training
 * (PySlowFast, SlowFast's AVA loader), which would swap a "left" and a "right" class, and every class is decidable only
 * from motion: shape, colour, size and position are drawn from the same distribution for all of them.
 */
public final class MotionLabels {

    public static final List<String> NAMES = List.of("static", "sideways", "vertical", "pulse");

    private MotionLabels() {
    }

    public static int count() {
        return NAMES.size();
    }

    /** An actor motion for a label (sideways picks left or right at random). */
    public static int motionFor(int label, SplittableRandom rnd) {
        return switch (label) {
            case 0 -> Actor.STATIC;
            case 1 -> rnd.nextBoolean() ? Actor.LEFT : Actor.RIGHT;
            case 2 -> rnd.nextBoolean() ? Actor.UP : Actor.DOWN;
            case 3 -> Actor.PULSE;
            default -> throw new IllegalArgumentException("label must be in [0, " + count() + "), got " + label);
        };
    }

    public static int labelOf(int motion) {
        return switch (motion) {
            case Actor.STATIC -> 0;
            case Actor.LEFT, Actor.RIGHT -> 1;
            case Actor.UP, Actor.DOWN -> 2;
            case Actor.PULSE -> 3;
            default -> throw new IllegalArgumentException("unknown motion " + motion);
        };
    }
}
