package io.x3dava.viewer;

import io.x3dava.backbone.video.FrameSource;
import io.x3dava.backbone.video.FrameSources;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Plays a video through the training reader ({@link FrameSources}: FFmpeg for files, SlowFast / Charades JPEG folders),
 * so the viewer shows exactly the pixels the network sees. Reads one frame at a time from a position; the reader
 * decodes forward without seeking when the next frame follows the last one. Not thread-safe: one decoding thread.
 */
public final class FrameCursor implements AutoCloseable {
    private final FrameSource source;
    private final String videoId;
    private final FrameClock clock;
    private long position;

    public FrameCursor(FrameSource source, String videoId) {
        this.source = source;
        this.videoId = videoId;
        this.clock = new FrameClock(source.fps(), source.frameCount());
    }

    /** A directory is a frame folder, anything else a video file. */
    public static FrameCursor open(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new java.nio.file.NoSuchFileException(path.toString(), null, "video file or frame folder not found");
        }
        return new FrameCursor(FrameSources.open(path), idOf(path));
    }

    /** The id the annotations most likely use: the file name without extension, or the folder name. */
    static String idOf(Path path) {
        String name = path.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && !Files.isDirectory(path) ? name.substring(0, dot) : name;
    }

    public String videoId() {
        return videoId;
    }

    public FrameClock clock() {
        return clock;
    }

    public double frameRate() {
        return clock.fps();
    }

    public double duration() {
        return clock.duration();
    }

    public int width() {
        return source.width();
    }

    public int height() {
        return source.height();
    }

    /** Makes {@link #next()} return the frame nearest to the video time. */
    public void seek(double videoTime) {
        position = clock.index(videoTime);
    }

    /** Makes {@link #next()} return frame {@code index} (clamped at 0; past the end, next() answers null). */
    public void seekFrame(long index) {
        position = Math.max(0, index);
    }

    /** The frame at the position, then moves one forward; null past the last frame. */
    public VideoFrame next() throws IOException {
        if (position >= clock.frameCount()) {
            return null;
        }
        long i = position++;
        var clip = source.read(new long[] {i}, 0);
        return new VideoFrame(i, clock.time(i), clip.width(), clip.height(), clip.rgb());
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
