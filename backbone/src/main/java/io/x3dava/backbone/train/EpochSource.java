package io.x3dava.backbone.train;

import io.x3dava.backbone.video.MissingFrames;

import java.util.Iterator;

/** The training batches of each epoch, in an order that depends only on the epoch (so resumed runs repeat it). */
public interface EpochSource<B> {

    int batchesPerEpoch();

    Iterator<B> batches(int epoch);

    /** Samples skipped so far because their input could not be read (corrupt or missing videos). */
    default long skippedSamples() {
        return 0;
    }

    /** Of those, the samples skipped because a frame folder misses frames they need (counted separately). */
    default MissingFrames missingFrames() {
        return MissingFrames.NONE;
    }
}
