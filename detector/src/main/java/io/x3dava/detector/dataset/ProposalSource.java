package io.x3dava.detector.dataset;

/** Where the data set's person proposals come from. */
public enum ProposalSource {
    /** The person detector ({@code --detector}) on every keyframe of the ground truth, as AVA's proposals are made. */
    DETECTOR,
    /** The ground-truth boxes with score 1 (AVA's "ground-truth boxes" setting: actions measured without detection). */
    GT
}
