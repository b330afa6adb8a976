package io.x3dava.backbone.video;

import java.util.Arrays;

/**
 * Requested frame indices (any order, repeats) reduced to the sorted unique set that a source decodes in one
 * forward pass, plus where each decoded frame goes in the output clip.
 */
final class IndexPlan {
    final long[] unique;
    private final long[] requested;

    IndexPlan(long[] frameIndices, long frameCount) {
        if (frameIndices.length == 0) {
            throw new IllegalArgumentException("no frame indices requested");
        }
        if (frameCount < 1) {
            throw new IllegalArgumentException("the source has no frames");
        }
        requested = new long[frameIndices.length];
        for (int i = 0; i < frameIndices.length; i++) {
            requested[i] = Math.max(0, Math.min(frameCount - 1, frameIndices[i]));
        }
        unique = Arrays.stream(requested).sorted().distinct().toArray();
    }

    int outputFrames() {
        return requested.length;
    }

    /** Copies one decoded frame (frameBytes long) into every output slot that asked for {@code index}. */
    void place(long index, byte[] frame, byte[] out) {
        int frameBytes = frame.length;
        for (int i = 0; i < requested.length; i++) {
            if (requested[i] == index) {
                System.arraycopy(frame, 0, out, i * frameBytes, frameBytes);
            }
        }
    }
}
