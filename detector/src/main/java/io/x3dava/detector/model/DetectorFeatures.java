package io.x3dava.detector.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * Which feature the AVA box classifier reads. X3D-M on AVA has 3.1M parameters in the paper's Table 8: the backbone
 * plus conv5, lin_5 (2048-d) and an 80-way classifier; res5 alone comes to about 2.0M.
 */
public enum DetectorFeatures {
    /** RoIAlign on res5 (paper section 5, the SlowFast detector's placement); classifier on res5's width. */
    RES5,
    /** RoIAlign on conv5 (res5, 1x1x1 conv, BN, ReLU). */
    CONV5,
    /**
     * RoIAlign on conv5, then lin_5 (2048-d, no bias) and ReLU on each pooled box vector. PySlowFast's X3DHead pools
     * conv5 first and applies lin_5 to the pooled vector; the box head keeps that order with RoIAlign + max pool as the
     * pool, so lin_5 runs once per box rather than at every position (Table 8's parameter count).
     */
    LIN5;

    @JsonValue
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static DetectorFeatures parse(String s) {
        for (DetectorFeatures f : values()) {
            if (f.name().equalsIgnoreCase(s.trim())) {
                return f;
            }
        }
        throw new IllegalArgumentException("features must be res5, conv5 or lin5, got \"" + s + "\"");
    }

    /** Whether the head's conv5 (conv_5, conv_5_bn) is part of the detector. */
    public boolean usesConv5() {
        return this != RES5;
    }
}
