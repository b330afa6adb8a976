package io.x3dava.backbone.video;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/** The user's video files: which files in a folder are videos, and the AVA video id of each (its name). */
public final class VideoFiles {
    /** Containers FFmpeg opens that cameras and editors write. */
    public static final Set<String> EXTENSIONS = Set.of("mp4", "mkv", "webm", "avi", "mov", "m4v", "mpg", "mpeg", "ts");

    private VideoFiles() {
    }

    /** The video files directly in {@code folder}, sorted by name; an error when there is none. */
    public static List<Path> in(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException(folder + ": not a folder (expected a folder of videos)");
        }
        try (Stream<Path> s = Files.list(folder)) {
            List<Path> out = s.filter(VideoFiles::isVideo).sorted().toList();
            if (out.isEmpty()) {
                throw new IOException(folder + ": no video files (" + String.join(", ", new TreeSet<>(EXTENSIONS))
                        + ")");
            }
            return out;
        }
    }

    /** A regular file whose extension names a video container. */
    public static boolean isVideo(Path p) {
        return Files.isRegularFile(p) && EXTENSIONS.contains(extension(p));
    }

    /** The AVA video id of a file: its name without the extension. */
    public static String videoId(Path video) {
        String n = video.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    /** The file name's extension in lower case, without the dot; "" for none. */
    public static String extension(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
