package io.x3dava.detector.data;

import io.x3dava.annotations.ava.Keyframe;

import java.nio.file.Path;
import java.util.List;

/**
 * A keyframe to train on or to detect in: the video (cut clip or frame folder), the keyframe's time within it, and the
 * person boxes.
 */
public record AvaSample(Keyframe keyframe, Path video, double videoSeconds, List<AvaTarget> targets) {

    public AvaSample {
        targets = List.copyOf(targets);
    }
}
