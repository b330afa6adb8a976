package io.x3dava.annotations.ava;

import io.x3dava.annotations.AnnotationFormatException;
import io.x3dava.annotations.AtomicFiles;
import io.x3dava.annotations.CsvBytes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/** Excluded-timestamps CSV: {@code video_id,timestamp} rows; an empty file means no exclusion. */
public final class AvaExclusions {
    private AvaExclusions() {}

    public static Set<Keyframe> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new AnnotationFormatException(file, 0, "file not found (expected an excluded-timestamps CSV)");
        }
        Set<Keyframe> out = new TreeSet<>();
        try (CsvBytes f = CsvBytes.open(file, 2)) {
            while (f.next()) {
                if (f.count() != 2) {
                    throw f.error("expected 2 columns (video_id,timestamp), got " + (f.count() > 2 ? "more" : f.count()));
                }
                if (f.isEmpty(0)) {
                    throw f.error("column 1 (video_id): expected a video id, got an empty field");
                }
                out.add(new Keyframe(f.text(0), f.parseIntegral(1, "timestamp")));
            }
        }
        return out;
    }

    public static void write(Path file, Collection<Keyframe> keyframes) throws IOException {
        AtomicFiles.writeText(file, w -> {
            for (Keyframe k : new TreeSet<>(keyframes)) {
                w.write(k.videoId() + "," + String.format("%04d", k.timestamp()) + "\n");
            }
        });
    }
}
