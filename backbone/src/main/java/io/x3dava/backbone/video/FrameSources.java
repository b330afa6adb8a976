package io.x3dava.backbone.video;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens the right {@link FrameSource} for a path: a video file, or a JPEG folder in a known layout. */
public final class FrameSources {
    /** SlowFast's AVA frames are extracted at 30 fps. */
    public static final double SLOWFAST_FPS = 30.0;

    private FrameSources() {}

    /** How a request's path becomes a source; replaceable (e.g. a folder layout with another rate). */
    @FunctionalInterface
    public interface Opener {
        FrameSource open(Path path) throws IOException;
    }

    /**
     * A regular file is a video; a folder {@code <vid>} holding {@code <vid>_000001.jpg} is SlowFast's layout
     * (30 fps), one holding {@code <vid>-000001.jpg} is Charades' (24 fps).
     */
    public static FrameSource open(Path path) throws IOException {
        if (Files.isRegularFile(path)) {
            return new VideoFileSource(path);
        }
        if (Files.isDirectory(path)) {
            String vid = path.getFileName().toString();
            if (Files.exists(path.resolve(vid + "_000001.jpg"))) {
                return FrameFolderSource.slowFast(path.getParent(), vid, SLOWFAST_FPS);
            }
            if (Files.exists(path.resolve(vid + "-000001.jpg"))) {
                return FrameFolderSource.charades(path.getParent(), vid);
            }
            throw new IOException(path + ": folder without " + vid + "_000001.jpg (SlowFast) or " + vid
                    + "-000001.jpg (Charades) frames");
        }
        throw new IOException(path + ": no such video file or frame folder");
    }
}
