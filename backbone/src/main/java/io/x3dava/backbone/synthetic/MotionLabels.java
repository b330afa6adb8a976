package io.x3dava.backbone.synthetic;

import io.x3dava.backbone.video.Actor;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The classes of the generated data set. Training flips clips horizontally (PySlowFast, SlowFast's AVA loader), which
 * turns a left motion into a right one, so left and right form one class, "sideways"; the others are unchanged by the
 * flip. Every class is decidable only from motion.
 */
public final class MotionLabels {

    public static final List<String> NAMES = List.of("static", "sideways", "up", "down", "pulse");

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
            case 2 -> Actor.UP;
            case 3 -> Actor.DOWN;
            case 4 -> Actor.PULSE;
            default -> throw new IllegalArgumentException("label must be in [0, " + count() + "), got " + label);
        };
    }

    public static int labelOf(int motion) {
        return switch (motion) {
            case Actor.STATIC -> 0;
            case Actor.LEFT, Actor.RIGHT -> 1;
            case Actor.UP -> 2;
            case Actor.DOWN -> 3;
            case Actor.PULSE -> 4;
            default -> throw new IllegalArgumentException("unknown motion " + motion);
        };
    }
}
