package io.x3dava.backbone.video;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

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

    /** {@link #open(Path, MissingFramePolicy)} failing on gaps. */
    public static FrameSource open(Path path) throws IOException {
        return open(path, MissingFramePolicy.FAIL);
    }

    /** An opener for folders found by {@link #open(Path, MissingFramePolicy)}, with this policy for gaps. */
    public static Opener opener(MissingFramePolicy policy) {
        return path -> open(path, policy);
    }

    /**
     * A regular file is a video; a folder {@code <vid>} holding files {@code <vid>_NNNNNN.jpg} is SlowFast's layout
     * (30 fps), one holding {@code <vid>-NNNNNN.jpg} is Charades' (24 fps). Both are numbered from 1 whichever files
     * are there, so that a missing first frame is a gap rather than a shift of the video.
     */
    public static FrameSource open(Path path, MissingFramePolicy policy) throws IOException {
        return open(path, policy, 0);
    }

    /**
     * As {@link #open(Path, MissingFramePolicy)}, for a folder whose frame count a list gives ({@code expectedFrames},
     * MMAction2 rawframe lists' total_frames; 0: up to the highest file found), so that missing last frames are gaps
     * too. MMAction2's own naming {@code img_%05d.jpg} (1-based, at 30 fps) is recognised as well.
     */
    public static FrameSource open(Path path, MissingFramePolicy policy, long expectedFrames) throws IOException {
        if (Files.isRegularFile(path)) {
            return new VideoFileSource(path);
        }
        if (Files.isDirectory(path)) {
            String vid = path.getFileName().toString();
            if (holds(path, vid + "_", 6)) {
                return FrameFolderSource.ofPattern(path, vid + "_%06d.jpg", 1, SLOWFAST_FPS, expectedFrames)
                        .withPolicy(policy);
            }
            if (holds(path, vid + "-", 6)) {
                return FrameFolderSource.ofPattern(path, vid + "-%06d.jpg", 1, FrameFolderSource.CHARADES_FPS,
                        expectedFrames).withPolicy(policy);
            }
            if (holds(path, "img_", 5)) {
                return FrameFolderSource.ofPattern(path, "img_%05d.jpg", 1, SLOWFAST_FPS, expectedFrames)
                        .withPolicy(policy);
            }
            throw new IOException(path + ": folder without " + vid + "_NNNNNN.jpg (SlowFast), " + vid
                    + "-NNNNNN.jpg (Charades) or img_NNNNN.jpg (MMAction2) frames");
        }
        throw new IOException(path + ": no such video file or frame folder");
    }

    /** Whether the folder holds a {@code <prefix><digits>.jpg} file with that many digits. */
    private static boolean holds(Path dir, String prefix, int digits) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).anyMatch(n -> n.startsWith(prefix) && n.endsWith(".jpg")
                    && n.length() == prefix.length() + digits + 4
                    && n.substring(prefix.length(), prefix.length() + digits).chars().allMatch(Character::isDigit));
        }
    }
}
