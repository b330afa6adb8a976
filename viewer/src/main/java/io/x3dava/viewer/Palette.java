package io.x3dava.viewer;

/**
 * Stable colours per action class: the class id picks from a fixed list (Tableau 20 order), so a class keeps its
 * colour across runs, videos and filters.
 */
public final class Palette {
    private static final int[] RGB = {
        0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf,
        0xaec7e8, 0xffbb78, 0x98df8a, 0xff9896, 0xc5b0d5, 0xc49c94, 0xf7b6d2, 0xc7c7c7, 0xdbdb8d, 0x9edae5,
    };

    private Palette() {}

    /** 0xRRGGBB of an action id (ids start at 1 in AVA). */
    public static int rgb(int actionId) {
        return RGB[Math.floorMod(actionId - 1, RGB.length)];
    }

    public static int size() {
        return RGB.length;
    }
}
