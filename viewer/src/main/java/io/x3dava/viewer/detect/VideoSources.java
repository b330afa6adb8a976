package io.x3dava.viewer.detect;

import io.x3dava.annotations.AnnotationFormatException;
import io.x3dava.annotations.LineLimit;
import io.x3dava.backbone.video.VideoFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What detect-video reads: one video file, a stream or camera, a folder of video files, or a list file of video paths
 * (a corpus: one path per line). Each source has a video id, its output subfolder; two sources of one run never share
 * an id.
 *
 * @param sources the videos or the stream, in the order they run
 * @param ids their video ids
 * @param kind what the input was
 */
record VideoSources(List<String> sources, List<String> ids, Kind kind) {
    /** What the input names. */
    enum Kind {
        FILE, STREAM, FOLDER, LIST;

        /** Several videos: a bad one is skipped and the rest run. */
        boolean many() {
            return this == FOLDER || this == LIST;
        }
    }

    /** File names that make the input a list of videos rather than a video. */
    static final Set<String> LIST_EXTENSIONS = Set.of("txt", "list", "lst");

    /** Reads {@code input}; {@code id} (nullable) names a single video or stream. */
    static VideoSources of(String input, String id) throws IOException {
        Kind kind = kindOf(input);
        if (id != null && (kind.many() || !id.matches("[A-Za-z0-9_.-]+") || id.startsWith("."))) {
            throw new IllegalArgumentException("--id " + id + ": expected letters, digits, '_', '.', '-' (not starting"
                    + " with '.') and a single video, not a folder or list");
        }
        return switch (kind) {
            case FILE, STREAM -> new VideoSources(List.of(input), List.of(id != null ? id : videoId(input)), kind);
            case FOLDER -> folder(Path.of(input));
            case LIST -> list(Path.of(input));
        };
    }

    private static Kind kindOf(String input) throws IOException {
        if (isStream(input) || input.startsWith("/dev/")) {
            return Kind.STREAM;
        }
        Path p = Path.of(input);
        if (Files.isDirectory(p)) {
            return Kind.FOLDER;
        }
        if (!Files.isRegularFile(p)) {
            throw new IOException(input + ": no such video file (expected a video file, a folder of them, a list file"
                    + " of video paths (.txt), a stream URL such as rtsp://... or a camera such as /dev/video0)");
        }
        return LIST_EXTENSIONS.contains(VideoFiles.extension(p)) ? Kind.LIST : Kind.FILE;
    }

    private static VideoSources folder(Path dir) throws IOException {
        List<Path> files = VideoFiles.in(dir);
        Map<String, Path> seen = new HashMap<>();
        List<String> sources = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (Path f : files) {
            String vid = videoId(f.toString());
            Path earlier = seen.putIfAbsent(vid, f);
            if (earlier != null) {
                throw new IOException(dir + ": " + earlier.getFileName() + " and " + f.getFileName() + " have the same"
                        + " video id '" + vid + "' (both would write OUT/" + vid + "); rename one");
            }
            sources.add(f.toString());
            ids.add(vid);
        }
        return new VideoSources(sources, ids, Kind.FOLDER);
    }

    /** One video path per line (relative to the list's folder); blank lines and lines starting with '#' skipped. */
    private static VideoSources list(Path file) throws IOException {
        String text = LineLimit.readString(file, "one video path per line");
        Path base = file.toAbsolutePath().getParent();
        Map<String, Integer> seen = new HashMap<>();
        List<String> sources = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Path video = base.resolve(line).normalize();
            if (!Files.isRegularFile(video)) {
                throw new AnnotationFormatException(file, i + 1, line + ": no such video file (expected one video"
                        + " path per line, relative to the list's folder)");
            }
            String vid = videoId(line);
            Integer earlier = seen.putIfAbsent(vid, i + 1);
            if (earlier != null) {
                throw new AnnotationFormatException(file, i + 1, line + ": video id '" + vid + "' already at line "
                        + earlier + " (both would write OUT/" + vid + "); rename one");
            }
            sources.add(video.toString());
            ids.add(vid);
        }
        if (sources.isEmpty()) {
            throw new AnnotationFormatException(file, 0, "no video paths (expected one video path per line)");
        }
        return new VideoSources(sources, ids, Kind.LIST);
    }

    /**
     * The file name without extension; for a stream URL its host, port and path (udp://127.0.0.1:23000 gives
     * 127.0.0.1_23000, rtsp://cam:8554/live/main gives cam_8554_live_main), so that two streams differ.
     */
    static String videoId(String source) {
        String s = source;
        int q = s.indexOf('?');
        if (q >= 0) {
            s = s.substring(0, q);
        }
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        String name;
        if (isStream(s)) {
            String rest = s.substring(s.indexOf("://") + 3);
            int at = rest.lastIndexOf('@', rest.indexOf('/') < 0 ? rest.length() : rest.indexOf('/'));
            rest = at >= 0 ? rest.substring(at + 1) : rest; // never user:password in a folder name
            int dot = rest.lastIndexOf('.');
            if (dot > rest.lastIndexOf('/') && rest.lastIndexOf('/') >= 0) {
                rest = rest.substring(0, dot); // http://host/clip.mp4: without the extension
            }
            name = rest.replace(':', '_').replace('/', '_');
        } else {
            name = s.substring(s.lastIndexOf('/') + 1);
            int dot = name.lastIndexOf('.');
            name = dot > 0 ? name.substring(0, dot) : name;
        }
        name = name.replaceAll("[^A-Za-z0-9_.-]", "_").replaceAll("^\\.+", "");
        return name.isEmpty() ? "stream" : name;
    }

    static boolean isStream(String source) {
        return source.contains("://");
    }
}
