package io.x3dava.backbone.classify;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** What a clip classifier is trained for; written in recipes and checkpoints as "kinetics" / "charades". */
public enum ClassificationTask {
    /** One label per video: softmax, cross-entropy, top-1/top-5 (X3D paper section 4). */
    KINETICS,
    /** Several actions per video: per-class sigmoid, BCE, video-level mAP (X3D paper section 5, Charades). */
    CHARADES;

    @JsonValue
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ClassificationTask of(String key) {
        for (ClassificationTask t : values()) {
            if (t.key().equalsIgnoreCase(key)) {
                return t;
            }
        }
        throw new IllegalArgumentException("task must be \"kinetics\" or \"charades\", got \"" + key + "\"");
    }

    public boolean multiLabel() {
        return this == CHARADES;
    }

    @Override
    public String toString() {
        return key();
    }
}
