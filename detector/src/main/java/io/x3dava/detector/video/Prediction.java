package io.x3dava.detector.video;

import java.util.List;

/** Everything predicted at one frame: the people found there, with their tracks and actions. */
public record Prediction(long frameIndex, double seconds, List<PersonActions> people) {
    public Prediction {
        people = List.copyOf(people);
    }
}
