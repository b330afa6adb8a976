package io.x3dava.viewer;

/**
 * Size of exported frames: small videos (AVA-style 96x96 demo clips, 64x64 synthetic data) are scaled up so that labels
 * stay readable; labels are drawn at the output size, so text is sharp however small the video.
 *
 * @param minShortSide the short side is scaled up to at least this (0: native size); never scaled down
 */
public record ExportSize(int minShortSide) {
    /** 480 px: the short side of standard definition, where the label font (1/40 of the height) is 12 px. */
    public static final int DEFAULT_MIN_SHORT_SIDE = 480;

    public ExportSize {
        if (minShortSide < 0) {
            throw new IllegalArgumentException("--min-short-side must be >= 0, got " + minShortSide);
        }
    }

    /** (width, height) of the output for a video; {@code even} rounds both down to even numbers (YUV 4:2:0 video). */
    public int[] of(int width, int height, boolean even) {
        double scale = Math.max(1.0, minShortSide / (double) Math.min(width, height));
        int w = (int) Math.round(width * scale);
        int h = (int) Math.round(height * scale);
        return even ? new int[] {Math.max(2, w & ~1), Math.max(2, h & ~1)} : new int[] {w, h};
    }
}
