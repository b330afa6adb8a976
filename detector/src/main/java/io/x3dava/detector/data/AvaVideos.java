package io.x3dava.detector.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a video's frames are: the 15-minute AVA cut clips {@code <root>/<video_id>.<ext>} (ffmpeg -ss 900 -t 901) or
 * SlowFast frame folders {@code <root>/<video_id>/<video_id>_%06d.jpg} at 30 fps; both start at second
 * {@code offsetSeconds} of the movie (900 for AVA), so keyframe t is at t - offset in the file.
 */
public record AvaVideos(Path root, double offsetSeconds) {

    private static final String[] EXTENSIONS = {".mp4", ".mkv", ".webm", ".avi"};

    /** The file or folder of a video; a missing one is returned as the .mp4 path and skipped by the loader. */
    public Path locate(String videoId) {
        for (String ext : EXTENSIONS) {
            Path p = root.resolve(videoId + ext);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        Path dir = root.resolve(videoId);
        return Files.isDirectory(dir) ? dir : root.resolve(videoId + ".mp4");
    }

    public double videoSeconds(int keyframeSeconds) {
        return keyframeSeconds - offsetSeconds;
    }

    void requireRoot() throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException(root + ": video folder not found (expected AVA cut clips or frame folders)");
        }
    }
}
