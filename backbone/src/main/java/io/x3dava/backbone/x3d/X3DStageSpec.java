package io.x3dava.backbone.x3d;

import java.util.ArrayList;
import java.util.List;

/**
 * Shape of one residual stage (res2..res5) derived from a config.
 *
 * @param index stage number as the reference names it (2..5, key prefix "s2".."s5")
 * @param depth number of residual blocks
 * @param dimIn input channels of the first block
 * @param dimOut output channels
 * @param dimInner channels of the channel-wise 3x3x3 conv (bottleneck width)
 * @param seDim reduced width of the squeeze-excitation, 0 when SE is off
 */
public record X3DStageSpec(int index, int depth, int dimIn, int dimOut, int dimInner, int seDim) {

    /** SE sits in every other block starting with the first of each stage (paper section 3; PySlowFast X3DTransform). */
    public boolean hasSe(int block) {
        return seDim > 0 && block % 2 == 0;
    }

    /** Spatial stride 2 in the first block of every stage, never in time (paper Table 1). */
    public int spatialStride(int block) {
        return block == 0 ? 2 : 1;
    }

    public static int stemWidth(X3DConfig c) {
        return X3DWidths.round(c.dimC1(), c.widthFactor());
    }

    public static List<X3DStageSpec> of(X3DConfig c) {
        // Basis widths: res2 = dimC1 (x2 when scaleRes2), then doubling per stage, rounded as the reference does.
        int res2 = c.scaleRes2() ? X3DWidths.round(c.dimC1(), 2.0) : c.dimC1();
        int[] basis = new int[4];
        basis[0] = res2;
        for (int i = 1; i < 4; i++) {
            basis[i] = X3DWidths.round(basis[i - 1], 2.0);
        }
        List<X3DStageSpec> out = new ArrayList<>();
        int dimIn = stemWidth(c);
        for (int i = 0; i < 4; i++) {
            int dimOut = X3DWidths.round(basis[i], c.widthFactor());
            int depth = (int) Math.ceil(c.depthFactor() * X3DConfig.BASE_DEPTHS.get(i));
            int inner = (int) (c.bottleneckFactor() * dimOut);
            int se = c.seRatio() > 0 ? X3DWidths.round(inner, c.seRatio()) : 0;
            out.add(new X3DStageSpec(i + 2, depth, dimIn, dimOut, inner, se));
            dimIn = dimOut;
        }
        return out;
    }
}
