package io.x3dava.backbone.train;

/**
 * A training sample with the seed of its random augmentation for this epoch (derived from the run seed, the epoch and
 * the sample's place), so that a resumed run augments exactly as the uninterrupted one would have.
 */
public record SeededSample<S>(S sample, long seed) {
}
