package io.x3dava.backbone.synthetic;

/**
 * One moving shape of a synthetic video. Position (x, y) is the normalized centre at frame 0, size the normalized
 * side (fraction of the width and of the height), speed in normalized units per frame. The class is carried by the
 * motion only: shape and colour are chosen by the caller and should not depend on the class.
 */
public record Actor(int motionClass, double x, double y, double size, double speed, Shape shape, int rgb) {
    public static final int STATIC = 0;
    public static final int LEFT = 1;
    public static final int RIGHT = 2;
    public static final int UP = 3;
    public static final int DOWN = 4;
    /** Size pulses (grows and shrinks) around a fixed centre. */
    public static final int PULSE = 5;
    public static final int NUM_CLASSES = 6;
    public static final String[] CLASS_NAMES = {"static", "left", "right", "up", "down", "pulse"};

    public enum Shape { SQUARE, DISC }

    public Actor {
        if (motionClass < 0 || motionClass >= NUM_CLASSES) {
            throw new IllegalArgumentException("motionClass must be in [0," + NUM_CLASSES + "), got " + motionClass);
        }
        if (!(size > 0 && size < 1)) {
            throw new IllegalArgumentException("size must be in (0,1), got " + size);
        }
    }

    /** A light grey square moving at 0.01 of the frame per frame. */
    public static Actor of(int motionClass, double x, double y, double size) {
        return new Actor(motionClass, x, y, size, 0.01, Shape.SQUARE, 0xE0E0E0);
    }
}
