package io.x3dava.viewer;

import io.x3dava.annotations.ava.AvaBox;

import java.util.Comparator;
import java.util.List;

/** One detected box at a keyframe with all its action scores, highest first (a detections CSV has one row per action). */
public record DetectedPerson(AvaBox box, List<ActionScore> scores) {
    public DetectedPerson {
        scores = scores.stream().sorted(Comparator.comparingDouble(ActionScore::score).reversed()).toList();
    }

    /** The top-k actions with score >= threshold, highest first. */
    public List<ActionScore> shown(double threshold, int topK) {
        return scores.stream().filter(s -> s.score() >= threshold).limit(Math.max(0, topK)).toList();
    }
}
