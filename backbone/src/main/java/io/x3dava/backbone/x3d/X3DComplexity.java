package io.x3dava.backbone.x3d;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Multiply-adds, parameters and activations of an X3D network for one clip, computed from its config the way the paper
 * (Table 2/3) and fvcore count them: conv and fc multiply-adds only, parameters without BatchNorm, activations = output
 * elements of conv and fc layers.
 */
public final class X3DComplexity {

    /** One row per stage (stem, res2..res5, head). */
    public record Row(String name, String outputShape, long flops, long params, long activations) {
    }

    /** All rows plus totals. */
    public record Report(X3DConfig config, int frames, int height, int width, List<Row> rows) {

        public long flops() {
            return rows.stream().mapToLong(Row::flops).sum();
        }

        public long params() {
            return rows.stream().mapToLong(Row::params).sum();
        }

        public long activations() {
            return rows.stream().mapToLong(Row::activations).sum();
        }

        /** A fixed-width table in the manner of fvcore's flop_count_table. */
        public String table() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "%s, input 3x%dx%dx%d, %d classes%n", config.name(), frames, height,
                    width, config.numClasses()));
            sb.append(String.format(Locale.ROOT, "%-6s %-18s %12s %12s %12s%n", "stage", "output (CxTxHxW)", "GFLOPs",
                    "params (M)", "acts (M)"));
            for (Row r : rows) {
                sb.append(String.format(Locale.ROOT, "%-6s %-18s %12.4f %12.4f %12.4f%n", r.name(), r.outputShape(),
                        r.flops() / 1e9, r.params() / 1e6, r.activations() / 1e6));
            }
            sb.append(String.format(Locale.ROOT, "%-6s %-18s %12.4f %12.4f %12.4f%n", "total", "", flops() / 1e9,
                    params() / 1e6, activations() / 1e6));
            return sb.toString();
        }
    }

    private X3DComplexity() {
    }

    /** The paper's setting: one clip at the training crop. */
    public static Report ofTrainingClip(X3DConfig c) {
        return of(c, c.numFrames(), c.trainCrop(), c.trainCrop());
    }

    public static Report of(X3DConfig c, int frames, int height, int width) {
        List<Row> rows = new ArrayList<>();
        int h = down(height);
        int w = down(width);
        int stem = X3DStageSpec.stemWidth(c);
        long pos = (long) frames * h * w;
        // conv_xy 1x3x3 from RGB, then channel-wise temporal conv (paper Table 1, "conv1").
        long stemFlops = pos * stem * 3 * 9 + pos * stem * c.stemTemporalKernel();
        long stemParams = (long) stem * 3 * 9 + (long) stem * c.stemTemporalKernel();
        rows.add(new Row("stem", shape(stem, frames, h, w), stemFlops, stemParams, 2 * pos * stem));
        int dimOut = stem;
        int inner = stem;
        for (X3DStageSpec s : X3DStageSpec.of(c)) {
            long flops = 0;
            long params = 0;
            long acts = 0;
            int dimIn = s.dimIn();
            for (int b = 0; b < s.depth(); b++) {
                long inPos = (long) frames * h * w;
                if (s.spatialStride(b) == 2) {
                    h = down(h);
                    w = down(w);
                }
                long outPos = (long) frames * h * w;
                flops += inPos * s.dimInner() * dimIn + outPos * s.dimInner() * 27L + outPos * s.dimOut() * s.dimInner();
                params += (long) dimIn * s.dimInner() + 27L * s.dimInner() + (long) s.dimInner() * s.dimOut();
                acts += inPos * s.dimInner() + outPos * s.dimInner() + outPos * s.dimOut();
                if (s.hasSe(b)) {
                    flops += 2L * s.dimInner() * s.seDim();
                    params += 2L * s.dimInner() * s.seDim() + s.dimInner() + s.seDim();
                    acts += s.dimInner() + s.seDim();
                }
                if (b == 0 && (dimIn != s.dimOut() || s.spatialStride(b) != 1)) {
                    flops += outPos * s.dimOut() * dimIn;
                    params += (long) dimIn * s.dimOut();
                    acts += outPos * s.dimOut();
                }
                dimIn = s.dimOut();
            }
            dimOut = s.dimOut();
            inner = s.dimInner();
            rows.add(new Row("res" + s.index(), shape(dimOut, frames, h, w), flops, params, acts));
        }
        long pos5 = (long) frames * h * w;
        // conv_5 to the last stage's inner width, global pool, lin_5 to dimC5 (no bias), projection (paper Table 1).
        long headFlops = pos5 * inner * dimOut + (long) inner * c.dimC5() + (long) c.dimC5() * c.numClasses();
        long headParams = (long) inner * dimOut + (long) inner * c.dimC5() + (long) c.dimC5() * c.numClasses()
                + c.numClasses();
        long headActs = pos5 * inner + c.dimC5() + c.numClasses();
        rows.add(new Row("head", shape(c.numClasses(), 1, 1, 1), headFlops, headParams, headActs));
        return new Report(c, frames, height, width, List.copyOf(rows));
    }

    /** Output size of a 3x3 conv with stride 2 and padding 1. */
    static int down(int size) {
        return (size - 1) / 2 + 1;
    }

    private static String shape(int c, int t, int h, int w) {
        return c + "x" + t + "x" + h + "x" + w;
    }
}
