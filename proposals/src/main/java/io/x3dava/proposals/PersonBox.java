package io.x3dava.proposals;

import io.x3dava.annotations.ava.AvaBox;
import io.x3dava.annotations.ava.Keyframe;

/** A person box of one keyframe, normalized to [0,1] like the AVA CSVs, with the detector's score. */
public record PersonBox(Keyframe keyframe, AvaBox box, double score) {
}
