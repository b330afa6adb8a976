package io.x3dava.viewer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Sequential decoding with seeking, from a video file or an AVA frame folder. Not thread-safe: one decoding thread. */
public interface FrameSource extends AutoCloseable {
    /** The video id the annotations most likely use: the file name without extension, or the folder name. */
    String videoId();

    double frameRate();

    /** Length on the video clock, in seconds. */
    double duration();

    int width();

    int height();

    /** Makes the next {@link #next()} return the frame at the time (FFmpeg: the one whose display interval holds it). */
    void seek(double seconds) throws IOException;

    /** The next frame, or null at the end. The image may be reused by the following call. */
    VideoFrame next() throws IOException;

    @Override
    void close() throws IOException;

    /** A directory is read as a frame folder, anything else as a video file. */
    static FrameSource open(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new java.nio.file.NoSuchFileException(path.toString(), null, "video file or frame folder not found");
        }
        return Files.isDirectory(path) ? FrameFolderSource.open(path) : VideoFileSource.open(path);
    }
}
