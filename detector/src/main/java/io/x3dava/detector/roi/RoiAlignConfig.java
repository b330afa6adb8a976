package io.x3dava.detector.roi;

/**
 * RoIAlign settings, as torchvision.ops.roi_align takes them.
 *
 * @param outputSize pooled height = width (7 for the AVA head)
 * @param spatialScale feature-map pixels per input pixel (1/32 for X3D res5, paper sec. 5: res5 is not dilated)
 * @param samplingRatio sample points per bin side; 0 = adaptive, ceil(roi size / output size) per box
 * @param aligned shift box corners by -0.5 pixel so that sample points sit on pixel centres (Detectron2 / SlowFast)
 */
public record RoiAlignConfig(int outputSize, double spatialScale, int samplingRatio, boolean aligned) {
    public RoiAlignConfig {
        if (outputSize < 1) {
            throw new IllegalArgumentException("outputSize must be >= 1, got " + outputSize);
        }
        if (!(spatialScale > 0)) {
            throw new IllegalArgumentException("spatialScale must be > 0, got " + spatialScale);
        }
        if (samplingRatio < 0) {
            throw new IllegalArgumentException("samplingRatio must be >= 0, got " + samplingRatio);
        }
    }

    /** The AVA head's setting: 7x7, scale 1/32, adaptive sampling, aligned. */
    public static RoiAlignConfig ava() {
        return new RoiAlignConfig(7, 1.0 / 32, 0, true);
    }
}
