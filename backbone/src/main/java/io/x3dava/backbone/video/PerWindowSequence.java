package io.x3dava.backbone.video;

import java.io.IOException;
import java.util.List;

/** The plain sequence: one {@link FrameSource#read} per window (sources without a cheaper sequential path). */
final class PerWindowSequence implements ClipSequence {
    private final FrameSource source;
    private final List<long[]> windows;
    private final int shortSide;
    private int next;

    PerWindowSequence(FrameSource source, List<long[]> windows, int shortSide) {
        this.source = source;
        this.windows = List.copyOf(windows);
        this.shortSide = shortSide;
    }

    @Override
    public int remaining() {
        return windows.size() - next;
    }

    @Override
    public DecodedClip next() throws IOException {
        return source.read(windows.get(next++), shortSide);
    }
}
