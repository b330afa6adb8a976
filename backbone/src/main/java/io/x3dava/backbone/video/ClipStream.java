package io.x3dava.backbone.video;

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
    private LoadedClip peeked;

    /** The next decodable clip (waiting for it), or null when the requests are exhausted. */
    protected abstract LoadedClip fetch();

    /** Clips that could not be decoded (logged and left out). */
    public abstract int skippedCount();

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
