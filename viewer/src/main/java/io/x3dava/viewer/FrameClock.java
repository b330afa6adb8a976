package io.x3dava.viewer;

/**
 * Frame index to video time and back, for a constant-rate video: frame i is shown at i / fps (the backbone reader
 * numbers frames by their presentation time the same way). A time maps to the nearest frame, i.e. the one within half a
 * frame of it, so a keyframe at 902 s on a 29.97 fps cut lands on the frame at 2.002 s, not on the one before it.
 */
public record FrameClock(double fps, long frameCount) {
    public FrameClock {
        if (!(fps > 0) || frameCount < 1) {
            throw new IllegalArgumentException("need fps > 0 and at least one frame, got " + fps + " fps, " + frameCount + " frames");
        }
    }

    /** The frame nearest to the video time, clamped to the video. */
    public long index(double videoTime) {
        long i = (long) Math.floor(videoTime * fps + 0.5);
        return Math.max(0, Math.min(frameCount - 1, i));
    }

    public double time(long index) {
        return index / fps;
    }

    /** Half a frame interval: how far a frame's time may be from the time that selected it. */
    public double halfFrame() {
        return 0.5 / fps;
    }

    /** Length on the video clock: the last frame plus its display interval. */
    public double duration() {
        return frameCount / fps;
    }
}
