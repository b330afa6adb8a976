package io.x3dava.proposals.track;

import io.x3dava.annotations.AnnotationFormatException;
import io.x3dava.annotations.AtomicFiles;
import io.x3dava.annotations.json.Json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * tracks.json, the file the viewer reads to show track ids:
 * {@code {"video": id, "fps": video fps, "rate": prediction Hz, "tracks": [{"id": 1, "boxes": [{"t", "x1", "y1",
 * "x2", "y2", "score"}]}]}}, t in seconds from the start of the video, boxes normalized.
 */
public final class TracksJson {
    private static final ObjectMapper JSON = Json.mapper();

    /** The document, field order as written. */
    public record Document(String video, double fps, double rate, List<TrackDoc> tracks) {
    }

    public record TrackDoc(int id, List<BoxDoc> boxes) {
    }

    public record BoxDoc(double t, double x1, double y1, double x2, double y2, double score) {
    }

    private TracksJson() {
    }

    public static Document document(String video, double fps, double rate, List<IouTracker.Track> tracks) {
        List<TrackDoc> docs = tracks.stream().map(t -> new TrackDoc(t.id(), t.boxes().stream()
                .map(b -> new BoxDoc(round(b.seconds()), b.box().x1(), b.box().y1(), b.box().x2(), b.box().y2(),
                        b.score())).toList())).toList();
        return new Document(video, fps, rate, docs);
    }

    /** Written to a temporary file beside the target, then moved over it. */
    public static void write(Path target, Document doc) throws IOException {
        AtomicFiles.write(target, out -> JSON.writeValue(out, doc));
    }

    /** Reads a tracks.json; a missing, empty or malformed file is one line naming it. */
    public static Document read(Path file) throws IOException {
        try {
            return Json.read(file, Document.class);
        } catch (AnnotationFormatException e) {
            if (!(e.getCause() instanceof JsonProcessingException)) {
                throw e; // not a file: Json's message says so
            }
            throw new AnnotationFormatException(file, e.line(), "expected detect-video's tracks.json ({video, fps, "
                    + "rate, tracks: [{id, boxes}]})");
        }
    }

    /** Times to the microsecond: frame times like 0.1 * 3 print as 0.3, not 0.30000000000000004. */
    private static double round(double s) {
        return Math.round(s * 1e6) / 1e6;
    }
}
