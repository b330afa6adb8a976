package io.x3dava.detector.model;

import io.x3dava.annotations.json.Json;
import io.x3dava.backbone.x3d.ShortSideRatio;
import io.x3dava.backbone.x3d.X3DConfig;
import io.x3dava.detector.roi.RoiAlignConfig;

import java.io.IOException;

/**
 * The AVA detector of the X3D paper, section 5: the X3D backbone's res5 (or conv5) map, temporal average pool,
 * frame-wise RoIAlign, spatial max pool, (lin_5 and ReLU with {@link DetectorFeatures#LIN5}), dropout, a linear
 * classifier and per-class sigmoid.
 *
 * @param backbone the X3D network whose clip (numFrames, samplingRate) the detector reads around each keyframe
 * @param numClasses 80 for AVA v2.1/v2.2
 * @param features res5 (paper section 5), conv5 (after the head's conv5, BN, ReLU) or lin5 (conv5, then lin_5 per box:
 *     the 3.1M parameters of the paper's Table 8 for X3D-M); JSON "res5" / "conv5" / "lin5"
 * @param roi RoIAlign 7x7 at 1/32 (res5 of X3D is not dilated), adaptive sampling, aligned
 * @param dropout before the classifier (0.5)
 * @param trainCrop training crop: 112 gamma_s (the backbone's training crop)
 * @param testSize test short side (and side of the centre crop when one is taken): 128 gamma_s (paper appendix A.1)
 */
public record DetectorConfig(X3DConfig backbone, int numClasses, DetectorFeatures features, RoiAlignConfig roi, double dropout,
                             int trainCrop, int testSize) {

    public DetectorConfig {
        if (features == null) {
            throw new IllegalArgumentException("detector needs features: res5, conv5 or lin5");
        }
        if (numClasses <= 0 || trainCrop < 32 || testSize < 32 || dropout < 0 || dropout >= 1) {
            throw new IllegalArgumentException("detector needs numClasses > 0, crops >= 32, dropout in [0,1)");
        }
    }

    /** The paper's AVA detector for an X3D backbone: train at its crop, test at 128/112 of it. */
    public static DetectorConfig paper(X3DConfig backbone, int numClasses) {
        int test = ShortSideRatio.AVA_TEST.of(backbone.trainCrop());
        return new DetectorConfig(backbone, numClasses, DetectorFeatures.RES5, RoiAlignConfig.ava(), 0.5, backbone.trainCrop(), test);
    }

    public DetectorConfig withCrops(int train, int test) {
        return new DetectorConfig(backbone, numClasses, features, roi, dropout, train, test);
    }

    public DetectorConfig withFeatures(DetectorFeatures f) {
        return new DetectorConfig(backbone, numClasses, f, roi, dropout, trainCrop, testSize);
    }

    public String toJson() throws IOException {
        return Json.toString(this);
    }

}
