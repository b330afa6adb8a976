package io.x3dava.detector.train;

import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.util.NDImageUtils;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import io.x3dava.backbone.video.ClipTransforms;
import io.x3dava.backbone.video.FrameSource;
import io.x3dava.backbone.video.SpatialParams;

/**
 * The spatial transform of one test clip when the whole frame is kept (no crop, so height != width in general): short
 * side to {@code size} keeping the aspect ratio, optionally flipped horizontally. The square-crop transforms stay in
 * {@link ClipTransforms}; this is their rectangular counterpart, with the same resize and normalization.
 *
 * @param inputHeight frame height before scaling
 * @param inputWidth frame width before scaling
 * @param height scaled height (network input)
 * @param width scaled width (network input)
 * @param flipped mirrored left-right
 */
public record FrameView(int inputHeight, int inputWidth, int height, int width, boolean flipped) {

    /** Short side of a {@code inputHeight} x {@code inputWidth} frame scaled to {@code size}, as PySlowFast's scale. */
    public static FrameView full(int inputHeight, int inputWidth, int size, boolean flipped) {
        int[] hw = FrameSource.scaledSize(inputHeight, inputWidth, size);
        return new FrameView(inputHeight, inputWidth, hw[0], hw[1], flipped);
    }

    /** A normalized box (0..1 of the frame) in pixels of the view, clipped to it. */
    public SpatialParams.PixelBox transformBox(double x1, double y1, double x2, double y2) {
        double px1 = clamp(x1 * width, width);
        double px2 = clamp(x2 * width, width);
        if (flipped) {
            double f = width - px2;
            px2 = width - px1;
            px1 = f;
        }
        return new SpatialParams.PixelBox(px1, clamp(y1 * height, height), px2, clamp(y2 * height, height));
    }

    /**
     * uint8 (or 0..255 float) (T, H, W, 3) at the input or the scaled size to normalized float32 (3, T, height, width)
     * in the input's manager; intermediates are freed.
     */
    public NDArray apply(NDArray clip) {
        Shape s = clip.getShape();
        int h = (int) s.get(1);
        int w = (int) s.get(2);
        boolean atScaled = h == height && w == width;
        if (!atScaled && (h != inputHeight || w != inputWidth)) {
            throw new IllegalArgumentException("clip is " + w + "x" + h + ", the view expects " + inputWidth + "x"
                    + inputHeight + " or the scaled " + width + "x" + height);
        }
        NDManager parent = clip.getManager();
        try (NDManager scope = parent.newSubManager()) {
            clip.tempAttach(scope);
            NDArray x = clip.toType(DataType.FLOAT32, false);
            if (!atScaled) {
                x = NDImageUtils.resize(x, width, height, Image.Interpolation.BILINEAR);
            }
            if (flipped) {
                x = x.flip(2);
            }
            NDArray mean = scope.create(ClipTransforms.MEAN).mul(255f);
            NDArray std = scope.create(ClipTransforms.STD).mul(255f);
            NDArray out = x.sub(mean).div(std).transpose(3, 0, 1, 2).duplicate();
            out.attach(parent);
            return out;
        }
    }

    private static double clamp(double v, int max) {
        return Math.max(0, Math.min(max, v));
    }
}
