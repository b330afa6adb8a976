package io.x3dava.detector.video;

import io.x3dava.proposals.track.TrackedBox;

/**
 * One tracked person at a prediction time, with the detector's per-class probabilities (index = action id - 1), or
 * null when no action model runs or the person is outside the detector's centre crop.
 */
public record PersonActions(TrackedBox person, float[] probabilities) {
}
