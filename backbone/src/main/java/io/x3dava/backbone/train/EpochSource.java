package io.x3dava.backbone.train;

import java.util.Iterator;

/** The training batches of each epoch, in an order that depends only on the epoch (so resumed runs repeat it). */
public interface EpochSource<B> {

    int batchesPerEpoch();

    Iterator<B> batches(int epoch);

    /** Samples skipped so far because their input could not be read (corrupt or missing videos). */
    default long skippedSamples() {
        return 0;
    }
}
