package io.x3dava.proposals.detect;

import io.x3dava.annotations.ava.AvaBox;

/** One person found in one frame: a normalized box and a confidence in [0, 1]. */
public record PersonHit(AvaBox box, double score) {
}
