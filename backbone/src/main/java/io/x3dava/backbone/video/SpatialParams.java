package io.x3dava.backbone.video;

/**
 * The spatial transform applied to one clip: resize (inputHeight x inputWidth) to (scaledHeight x scaledWidth), crop
 * the square (cropX, cropY, cropSize), then optionally flip horizontally. Kept so that person boxes get exactly the
 * transform the pixels got. Box coordinates are continuous (pixel edges: pixel i spans [i, i+1)), which is what
 * bilinear resizing with align_corners=False preserves; PySlowFast's box code uses the inclusive "width - 1"
 * convention instead, which differs by at most one pixel.
 */
public record SpatialParams(int inputHeight, int inputWidth, int scaledHeight, int scaledWidth,
                            int cropX, int cropY, int cropSize, boolean flipped) {
    public SpatialParams {
        if (cropX < 0 || cropY < 0 || cropX + cropSize > scaledWidth || cropY + cropSize > scaledHeight) {
            throw new IllegalArgumentException("crop (" + cropX + "," + cropY + ") size " + cropSize
                    + " outside the scaled frame " + scaledWidth + "x" + scaledHeight);
        }
    }

    /** Pixel box in the output crop: x in [0, cropSize] along width, y along height. */
    public record PixelBox(double x1, double y1, double x2, double y2) {
        public double width() {
            return x2 - x1;
        }

        public double height() {
            return y2 - y1;
        }

        /** False when clipping left nothing of the box (e.g. a person outside the crop). */
        public boolean isVisible() {
            return x2 > x1 && y2 > y1;
        }
    }

    /** Box normalized to the original frame (0..1) to pixels of the output crop, clipped to the crop. */
    public PixelBox transformBox(double x1, double y1, double x2, double y2) {
        return clip(transformBoxUnclipped(x1, y1, x2, y2));
    }

    /** As {@link #transformBox} without clipping (coordinates may fall outside [0, cropSize]). */
    public PixelBox transformBoxUnclipped(double x1, double y1, double x2, double y2) {
        double px1 = x1 * scaledWidth - cropX;
        double px2 = x2 * scaledWidth - cropX;
        double py1 = y1 * scaledHeight - cropY;
        double py2 = y2 * scaledHeight - cropY;
        if (flipped) {
            double f1 = cropSize - px2;
            px2 = cropSize - px1;
            px1 = f1;
        }
        return new PixelBox(px1, py1, px2, py2);
    }

    /** Clips to [0, cropSize] on both axes. */
    public PixelBox clip(PixelBox b) {
        return new PixelBox(clamp(b.x1()), clamp(b.y1()), clamp(b.x2()), clamp(b.y2()));
    }

    private double clamp(double v) {
        return Math.max(0, Math.min(cropSize, v));
    }
}
