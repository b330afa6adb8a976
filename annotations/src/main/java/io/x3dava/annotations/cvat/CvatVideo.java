package io.x3dava.annotations.cvat;

/** What the codec needs of the annotated video: frame size in pixels, frame rate and number of frames. */
public record CvatVideo(int width, int height, double fps, long frameCount) {
    public CvatVideo {
        if (width <= 0 || height <= 0 || !(fps > 0) || frameCount <= 0) {
            throw new IllegalArgumentException("video geometry " + width + "x" + height + " at " + fps + " fps with "
                    + frameCount + " frames");
        }
    }

    /** The frame shown at {@code seconds} from the start: round(seconds x fps), as the issue and CVAT count. */
    public long frameAt(double seconds) {
        return Math.round(seconds * fps);
    }
}
