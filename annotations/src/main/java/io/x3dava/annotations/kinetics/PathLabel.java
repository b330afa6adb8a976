package io.x3dava.annotations.kinetics;

/** One row of SlowFast's {@code path label} list (train.csv / val.csv / test.csv of its Kinetics loader). */
public record PathLabel(String path, int label) {}
