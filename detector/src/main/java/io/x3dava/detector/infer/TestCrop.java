package io.x3dava.detector.infer;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** What part of a keyframe's frames the detector sees at test time (after the short side is scaled to the test size). */
public enum TestCrop {
    /**
     * The whole frame, no crop: PySlowFast's AVA "test" split (ava_dataset.py: scale the short side to
     * TEST_CROP_SIZE, keep the aspect ratio), so people near the left and right edges are scored.
     */
    FULL,
    /**
     * The centred square (PySlowFast's "val" split; the paper's cost convention): boxes that fall outside it get no
     * score and count as misses.
     */
    CENTER;

    @JsonValue
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static TestCrop parse(String s) {
        for (TestCrop c : values()) {
            if (c.name().equalsIgnoreCase(s.trim()) || (c == CENTER && s.trim().equalsIgnoreCase("centre"))) {
                return c;
            }
        }
        throw new IllegalArgumentException("testCrop must be full or center, got \"" + s + "\"");
    }
}
