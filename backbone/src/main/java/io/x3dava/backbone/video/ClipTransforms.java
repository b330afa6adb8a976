package io.x3dava.backbone.video;

import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.util.NDImageUtils;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.util.random.RandomGenerator;

/**
 * X3D's spatial augmentation on NDArrays, following PySlowFast: choose {@link SpatialParams} (training: random
 * short-side jitter, random crop, flip with p = 0.5; testing: fixed short side, left / centre / right crop), then
 * {@link #apply} them: uint8 (T, H, W, 3) to float32 (3, T, crop, crop) normalized with mean 0.45, std 0.225.
 */
public final class ClipTransforms {
    /** X3D configs' DATA.MEAN / DATA.STD (same for the three channels). */
    public static final float[] MEAN = {0.45f, 0.45f, 0.45f};
    public static final float[] STD = {0.225f, 0.225f, 0.225f};

    /** spatial_idx of PySlowFast's uniform_crop: 0 = left / top, 1 = centre, 2 = right / bottom. */
    public static final int LEFT = 0;
    public static final int CENTER = 1;
    public static final int RIGHT = 2;

    private ClipTransforms() {}

    /** A transformed clip and the parameters that produced it. */
    public record Result(NDArray clip, SpatialParams params) implements AutoCloseable {
        @Override
        public void close() {
            clip.close();
        }
    }

    /**
     * PySlowFast's random_short_side_scale_jitter + random_crop + horizontal_flip(0.5). With inverseUniform, 1/size
     * is uniform in [1/maxScale, 1/minScale] (DATA.INV_UNIFORM_SAMPLE; favours small scales).
     */
    public static SpatialParams trainParams(int height, int width, int minScale, int maxScale, int crop,
                                            boolean inverseUniform, RandomGenerator rnd) {
        if (minScale < 1 || maxScale < minScale) {
            throw new IllegalArgumentException("need 1 <= minScale <= maxScale, got " + minScale + ", " + maxScale);
        }
        double u = rnd.nextDouble();
        int size = inverseUniform
                ? (int) Math.round(1.0 / (1.0 / maxScale + u * (1.0 / minScale - 1.0 / maxScale)))
                : (int) Math.round(minScale + u * (maxScale - minScale));
        int[] hw = FrameSource.scaledSize(height, width, size);
        checkCrop(hw, crop);
        // np.random.randint(0, n) excludes n: the last possible offset is never drawn, as in PySlowFast.
        int y = hw[0] > crop ? rnd.nextInt(hw[0] - crop) : 0;
        int x = hw[1] > crop ? rnd.nextInt(hw[1] - crop) : 0;
        boolean flip = rnd.nextDouble() < 0.5;
        return new SpatialParams(height, width, hw[0], hw[1], x, y, crop, flip);
    }

    /** Testing: short side to {@code scale}, then PySlowFast's uniform_crop at spatialIdx (0, 1, 2). */
    public static SpatialParams testParams(int height, int width, int scale, int crop, int spatialIdx) {
        if (spatialIdx < 0 || spatialIdx > 2) {
            throw new IllegalArgumentException("spatialIdx must be 0, 1 or 2, got " + spatialIdx);
        }
        int[] hw = FrameSource.scaledSize(height, width, scale);
        checkCrop(hw, crop);
        int h = hw[0];
        int w = hw[1];
        int y = (int) Math.ceil((h - crop) / 2.0);
        int x = (int) Math.ceil((w - crop) / 2.0);
        if (h > w) {
            y = spatialIdx == 0 ? 0 : spatialIdx == 2 ? h - crop : y;
        } else {
            x = spatialIdx == 0 ? 0 : spatialIdx == 2 ? w - crop : x;
        }
        return new SpatialParams(height, width, h, w, x, y, crop, false);
    }

    public static Result train(NDArray clip, int minScale, int maxScale, int crop, boolean inverseUniform,
                               RandomGenerator rnd) {
        Shape s = clip.getShape();
        SpatialParams p = trainParams((int) s.get(1), (int) s.get(2), minScale, maxScale, crop, inverseUniform, rnd);
        return new Result(apply(clip, p), p);
    }

    public static Result test(NDArray clip, int scale, int crop, int spatialIdx) {
        Shape s = clip.getShape();
        SpatialParams p = testParams((int) s.get(1), (int) s.get(2), scale, crop, spatialIdx);
        return new Result(apply(clip, p), p);
    }

    /**
     * Applies p to a uint8 (or float 0..255) clip (T, H, W, 3). The input may be the original frame size or already
     * at the scaled size (decoded at that short side by FFmpeg); then no resize happens here. The result belongs to
     * the input's manager; intermediates are freed.
     */
    public static NDArray apply(NDArray clip, SpatialParams p) {
        Shape s = clip.getShape();
        if (s.dimension() != 4 || s.get(3) != 3) {
            throw new IllegalArgumentException("expected a (T, H, W, 3) clip, got " + s);
        }
        int h = (int) s.get(1);
        int w = (int) s.get(2);
        boolean atInput = h == p.inputHeight() && w == p.inputWidth();
        boolean atScaled = h == p.scaledHeight() && w == p.scaledWidth();
        if (!atInput && !atScaled) {
            throw new IllegalArgumentException("clip is " + w + "x" + h + ", params expect " + p.inputWidth() + "x"
                    + p.inputHeight() + " or the scaled " + p.scaledWidth() + "x" + p.scaledHeight());
        }
        NDManager parent = clip.getManager();
        try (NDManager scope = parent.newSubManager()) {
            clip.tempAttach(scope);
            NDArray x = clip.toType(DataType.FLOAT32, false);
            if (!atScaled) {
                // Bilinear, align_corners=False, with T as the batch (PyTorch interpolate, as PySlowFast).
                x = NDImageUtils.resize(x, p.scaledWidth(), p.scaledHeight(), Image.Interpolation.BILINEAR);
            }
            int c = p.cropSize();
            x = x.get(new NDIndex(":, {}:{}, {}:{}, :", p.cropY(), p.cropY() + c, p.cropX(), p.cropX() + c));
            if (p.flipped()) {
                x = x.flip(2);
            }
            NDArray mean = scope.create(MEAN).mul(255f);
            NDArray std = scope.create(STD).mul(255f);
            x = x.sub(mean).div(std).transpose(3, 0, 1, 2);
            // A contiguous copy, so the result does not keep the scope's buffers alive.
            NDArray out = x.duplicate();
            out.attach(parent);
            return out;
        }
    }

    private static void checkCrop(int[] hw, int crop) {
        if (crop < 1 || crop > hw[0] || crop > hw[1]) {
            throw new IllegalArgumentException("crop " + crop + " larger than the scaled frame " + hw[1] + "x" + hw[0]);
        }
    }
}
