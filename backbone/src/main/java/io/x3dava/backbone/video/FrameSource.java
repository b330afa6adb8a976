package io.x3dava.backbone.video;

import java.io.IOException;
import java.util.List;

/** Random access to the frames of one video, whatever its storage (a video file or a folder of JPEGs). */
public interface FrameSource extends AutoCloseable {
    /** Native frame rate. */
    double fps();

    long frameCount();

    int width();

    int height();

    /**
     * Decodes frames at the given 0-based indices (native rate; any order, repeats allowed; indices outside the video
     * are clamped) into RGB uint8 HWC, resized so that the short side equals {@code shortSide} (aspect kept, the long
     * side floored as PySlowFast does); {@code shortSide <= 0} keeps the native size.
     */
    DecodedClip read(long[] frameIndices, int shortSide) throws IOException;

    /** Receives frames one at a time; {@code rgb} (H, W, 3) is reused for the next frame: copy what you keep. */
    @FunctionalInterface
    interface FrameSink {
        void accept(long index, byte[] rgb, int height, int width) throws IOException;
    }

    /**
     * Every frame in order (viewer export, full checks, benchmarks), RGB at {@code shortSide}, one at a time, so memory
     * does not grow with the video's length. Returns the number of frames passed to the sink.
     */
    default long decodeAll(int shortSide, FrameSink sink) throws IOException {
        long n = frameCount();
        for (long i = 0; i < n; i++) {
            DecodedClip c = read(new long[] {i}, shortSide);
            sink.accept(i, c.rgb(), c.height(), c.width());
        }
        return n;
    }

    /**
     * The clips of several windows read in order (AVA keyframes of this video in time order): each equals
     * {@code read(window, shortSide)}, but a source may decode once and share frames between windows. The sequence
     * uses this source, which must stay open (and not be read otherwise) until the sequence is done.
     */
    default ClipSequence sequence(List<long[]> windows, int shortSide) {
        return new PerWindowSequence(this, windows, shortSide);
    }

    @Override
    void close() throws IOException;

    /** Output size (height, width) for a short side, PySlowFast convention: long side = floor(long/short * size). */
    static int[] scaledSize(int height, int width, int shortSide) {
        if (shortSide <= 0 || (Math.min(height, width) == shortSide)) {
            return new int[] {height, width};
        }
        if (width < height) {
            return new int[] {(int) Math.floor((double) height / width * shortSide), shortSide};
        }
        return new int[] {shortSide, (int) Math.floor((double) width / height * shortSide)};
    }
}
