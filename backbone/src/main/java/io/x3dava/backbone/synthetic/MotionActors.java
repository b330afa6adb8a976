package io.x3dava.backbone.synthetic;

import java.util.SplittableRandom;

/**
 * Draws actors whose appearance (shape, colour, size, position, speed) has the same distribution in every class, so
 * that only the motion over several frames tells the class apart.
 */
public final class MotionActors {

    private static final int[] COLOURS = {0xE0E0E0, 0xE05050, 0x50C050, 0x5080E0, 0xE0C040};

    private MotionActors() {
    }

    public static Actor random(int motionClass, SplittableRandom rnd) {
        double size = 0.22 + 0.1 * rnd.nextDouble();
        double x = 0.25 + 0.5 * rnd.nextDouble();
        double y = 0.25 + 0.5 * rnd.nextDouble();
        double speed = 0.02 + 0.01 * rnd.nextDouble(); // 5-8 px between frames sampled at stride 4, at 64^2
        Actor.Shape shape = rnd.nextBoolean() ? Actor.Shape.SQUARE : Actor.Shape.DISC;
        return new Actor(motionClass, x, y, size, speed, shape, COLOURS[rnd.nextInt(COLOURS.length)]);
    }

    /** An actor placed inside a horizontal band [x0, x1] of the frame (several actors per video do not overlap). */
    public static Actor inBand(int motionClass, double x0, double x1, SplittableRandom rnd) {
        Actor a = random(motionClass, rnd);
        double size = Math.min(a.size(), (x1 - x0) * 0.8);
        double x = x0 + (x1 - x0) / 2;
        return new Actor(motionClass, x, a.y(), size, a.speed(), a.shape(), a.rgb());
    }
}
