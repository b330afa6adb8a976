package io.x3dava.proposals.track;

import io.x3dava.annotations.ava.AvaBox;

/** A person box at one time, with the track it belongs to. */
public record TrackedBox(int trackId, double seconds, AvaBox box, double score) {
}
