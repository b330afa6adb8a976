package io.x3dava.backbone.video;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Decoded clips in request order, prefetched by worker threads; clips that cannot be decoded are skipped and
 * counted. The loaders differ only in how they fetch the next clip ({@link ClipLoader}: one seek per clip,
 * {@link SequentialClipLoader}: each video decoded once, in order).
 */
public abstract class ClipStream implements Iterator<LoadedClip>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClipStream.class);

    private final MissingFrameTally missingFrames = new MissingFrameTally();
    private LoadedClip peeked;
    private int skipped;

    /** The next decodable clip (waiting for it), or null when the requests are exhausted. */
    protected abstract LoadedClip fetch();

    /** Clips that could not be decoded (logged and left out), missing frames included. */
    public final int skippedCount() {
        return skipped;
    }

    /** The skipped clips that miss frames of a frame folder (the rest of the skips are unreadable videos). */
    public final MissingFrameTally missingFrameTally() {
        return missingFrames;
    }

    /** Logs and counts a request left out; a {@link MissingFrameException} is also counted as a gap. */
    protected final void skip(int position, Path video, Throwable cause) {
        skipped++;
        if (cause instanceof MissingFrameException m) {
            missingFrames.add(m);
        }
        LOG.warn("skipping clip {} of {}: {}: {}", position, video, cause.getClass().getSimpleName(),
                cause.getMessage());
    }

    @Override
    public abstract void close();

    @Override
    public final boolean hasNext() {
        if (peeked == null) {
            peeked = fetch();
        }
        return peeked != null;
    }

    @Override
    public final LoadedClip next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        LoadedClip out = peeked;
        peeked = null;
        return out;
    }

    /** Drains the stream into a list (tests, small sets). */
    public List<LoadedClip> toList() {
        List<LoadedClip> out = new ArrayList<>();
        while (hasNext()) {
            out.add(next());
        }
        return out;
    }
}
