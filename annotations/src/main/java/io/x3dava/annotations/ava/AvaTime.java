package io.x3dava.annotations.ava;

/**
 * AVA's clock: the movie seconds of the CSVs (keyframe timestamps) against time and frames in the files users hold.
 * AVA annotates movie seconds 902..1798 at 1 Hz; the 15-minute cuts ({@code ffmpeg -ss 900 -t 901}) and the 30-fps
 * JPEG frames extracted from them start at movie second 900. PySlowFast (ava_helper.py: {@code FPS = 30},
 * {@code AVA_VALID_FRAMES = range(902, 1799)}, {@code sec_to_frame(sec) = (sec - 900) * FPS}) uses that value as a
 * 0-based index into the frame list whose first file is {@code <vid>_000001.jpg}: frame file number 1 is second 900.
 * ffmpeg's {@code img_%05d.jpg} numbering of MMAction2's extraction also starts at 1 with the cut's first frame;
 * MMAction2 1.x's SampleAVAFrames centres a keyframe on file number {@code 30 * (t - 900) + 2 * start_index}
 * (start_index 0 by default for AVA), one frame (33 ms) before PySlowFast's: an offset of 900 + 1/30 s reproduces it.
 *
 * @param offsetSeconds movie second at which the files start (900 for AVA)
 * @param fps           frame rate of the frame folders (30 for AVA's extraction)
 */
public record AvaTime(double offsetSeconds, double fps) {
    /** Movie second of the first frame of AVA's cut clips and frame folders. */
    public static final double OFFSET_SECONDS = 900;
    /** Frame rate of PySlowFast's and MMAction2's AVA frame extraction. */
    public static final double FPS = 30;
    /** First and last annotated keyframe second (PySlowFast's AVA_VALID_FRAMES, MMAction2's 902..1798). */
    public static final int FIRST_KEYFRAME = 902;
    public static final int LAST_KEYFRAME = 1798;
    /** Length of the cuts: {@code -ss 900 -t 901}. */
    public static final int CUT_SECONDS = 901;
    /** Number of the file holding frame index 0 in the frame folders of both tools. */
    public static final int FIRST_FRAME_NUMBER = 1;
    /** AVA as released: files from movie second 900, 30 fps. */
    public static final AvaTime STANDARD = new AvaTime(OFFSET_SECONDS, FPS);

    public AvaTime {
        if (!(fps > 0) || !Double.isFinite(offsetSeconds)) {
            throw new IllegalArgumentException("AVA time needs a finite offset and fps > 0, got " + offsetSeconds
                    + " s and " + fps + " fps");
        }
    }

    /** The standard rate with another start second (the {@code --offset} option). */
    public static AvaTime withOffset(double offsetSeconds) {
        return new AvaTime(offsetSeconds, FPS);
    }

    /** Seconds into the file of a movie second (keyframe t is at t - 900 in the cut). */
    public double videoSeconds(double movieSeconds) {
        return movieSeconds - offsetSeconds;
    }

    public double movieSeconds(double videoSeconds) {
        return videoSeconds + offsetSeconds;
    }

    /** 0-based frame index nearest to a movie second: round((t - offset) * fps). */
    public long frameIndex(double movieSeconds) {
        return Math.round(videoSeconds(movieSeconds) * fps);
    }

    /** File number in a frame folder ({@code _000001.jpg} = index 0). */
    public long frameNumber(double movieSeconds) {
        return frameIndex(movieSeconds) + FIRST_FRAME_NUMBER;
    }

    /** Movie second shown by 0-based frame {@code index}. */
    public double movieSecondsOfFrame(long index) {
        return offsetSeconds + index / fps;
    }

    /** Frames of a full cut: 901 s x 30 fps = 27,030. */
    public long expectedFrames() {
        return Math.round(CUT_SECONDS * fps);
    }

    /** Whether {@code second} is one of the annotated keyframes 902..1798. */
    public static boolean isAnnotated(int second) {
        return second >= FIRST_KEYFRAME && second <= LAST_KEYFRAME;
    }
}
