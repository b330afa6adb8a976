package io.x3dava.backbone.x3d;

/**
 * Short-side sizes as ratios of a crop: the one home of the jitter and test-scale ratios that PySlowFast's configs
 * write as absolute sizes for one crop, so that they scale with gamma_s (the X3D presets' crops).
 */
public enum ShortSideRatio {
    /** Kinetics training jitter, lower end: TRAIN_JITTER_SCALES [182, 228] for a 160 crop (configs/Kinetics/X3D_S). */
    KINETICS_JITTER_MIN(182, 160),
    /** Kinetics training jitter, upper end (configs/Kinetics/X3D_S: 228 for 160). */
    KINETICS_JITTER_MAX(228, 160),
    /** AVA training jitter, lower end: TRAIN_JITTER_SCALES [256, 320] for a 224 crop (configs/AVA/*_SHORT.yaml). */
    AVA_JITTER_MIN(256, 224),
    /** AVA training jitter, upper end (configs/AVA/*_SHORT.yaml: 320 for 224). */
    AVA_JITTER_MAX(320, 224),
    /** AVA test short side: 128 gamma_s for training clips of 112 gamma_s (X3D paper, appendix A.1). */
    AVA_TEST(128, 112);

    private final int size;
    private final int crop;

    ShortSideRatio(int size, int crop) {
        this.size = size;
        this.crop = crop;
    }

    /** The short side for {@code crop}, rounded to the nearest pixel. */
    public int of(int crop) {
        return (int) Math.round(crop * (double) size / this.crop);
    }
}
