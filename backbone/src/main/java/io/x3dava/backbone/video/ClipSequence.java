package io.x3dava.backbone.video;

import java.io.IOException;

/**
 * Clips for a list of frame-index windows fixed up front (AVA keyframes of one video in time order), read one after
 * the other from one source. Knowing every window in advance lets a source decode the video once, in order, and keep
 * only the frames a later window still needs; each clip equals what {@link FrameSource#read} returns for the same
 * indices, byte for byte.
 */
public interface ClipSequence extends AutoCloseable {
    /** Windows not read yet. */
    int remaining();

    /** The clip of the next window. After an IOException the sequence continues with the window after it. */
    DecodedClip next() throws IOException;

    /** Releases cached frames; the source itself stays open (its owner closes it). */
    @Override
    default void close() {
        // nothing held by default
    }
}
