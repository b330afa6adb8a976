package io.x3dava.viewer;

import io.x3dava.annotations.json.Json;
import io.x3dava.annotations.AnnotationFormatException;
import io.x3dava.annotations.ava.AvaBox;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Person tracks written by {@code detect-video} ({@code tracks.json}): per track an id and boxes sampled at
 * {@code rate} Hz, times in seconds from the start of the video, coordinates normalized. Times are on the clock of the
 * detections CSV written with them (both from the video start).
 */
public record TrackFile(String video, double fps, double rate, List<Track> tracks) {
    /** The module's one Jackson mapper: unknown fields tolerated (the writer may add some), missing ones rejected. */
    // the shared mapper, stricter about missing fields (a track box without a coordinate is an error here)
    private static final ObjectMapper JSON = Json.mapper().copy()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
            .configure(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES, true);

    public record Track(int id, List<Sample> boxes) {}

    public record Sample(double t, double x1, double y1, double x2, double y2, double score) {
        AvaBox box() {
            return new AvaBox(x1, y1, x2, y2);
        }
    }

    /** A track's box at a time. */
    public record Seen(int id, AvaBox box, double score) {}

    public TrackFile {
        tracks = tracks == null ? List.of() : List.copyOf(tracks);
    }

    public static TrackFile read(Path file) throws IOException {
        if (!file.toFile().isFile()) {
            throw new NoSuchFileException(file.toString(), null, "tracks file not found");
        }
        TrackFile f;
        try {
            f = JSON.readValue(file.toFile(), TrackFile.class);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new AnnotationFormatException(file, at == null ? 0 : at.getLineNr(),
                    "expected tracks JSON {\"video\", \"fps\", \"rate\", \"tracks\": [{\"id\", \"boxes\": [{\"t\", \"x1\", "
                            + "\"y1\", \"x2\", \"y2\", \"score\"}]}]} (" + e.getOriginalMessage() + ")");
        }
        if (f.video() == null || f.video().isBlank()) {
            throw new AnnotationFormatException(file, 0, "expected a \"video\" id");
        }
        if (!(f.rate() > 0)) {
            throw new AnnotationFormatException(file, 0, "expected \"rate\" > 0 (samples per second), got " + f.rate());
        }
        Set<Integer> ids = new HashSet<>();
        for (Track t : f.tracks()) {
            if (!ids.add(t.id())) {
                throw new AnnotationFormatException(file, 0, "expected unique track ids, " + t.id() + " repeats");
            }
            for (Sample s : t.boxes() == null ? List.<Sample>of() : t.boxes()) {
                if (!(s.x1() >= 0 && s.y1() >= 0 && s.x2() <= 1 && s.y2() <= 1 && s.x1() < s.x2() && s.y1() < s.y2())) {
                    throw new AnnotationFormatException(file, 0, "track " + t.id() + " at t=" + s.t()
                            + ": expected 0 <= x1 < x2 <= 1 and 0 <= y1 < y2 <= 1");
                }
            }
        }
        List<Track> sorted = new ArrayList<>();
        for (Track t : f.tracks()) {
            List<Sample> boxes = t.boxes() == null ? List.of()
                    : t.boxes().stream().sorted(Comparator.comparingDouble(Sample::t)).toList();
            sorted.add(new Track(t.id(), boxes));
        }
        return new TrackFile(f.video(), f.fps(), f.rate(), sorted);
    }

    /** Each track's sample nearest to the time, if within half a sampling interval of it. */
    public List<Seen> at(double time) {
        double half = 0.5 / rate;
        List<Seen> out = new ArrayList<>();
        for (Track t : tracks) {
            Sample best = null;
            for (Sample s : t.boxes()) {
                if (Math.abs(s.t() - time) <= half + 1e-9 && (best == null || Math.abs(s.t() - time) < Math.abs(best.t() - time))) {
                    best = s;
                }
            }
            if (best != null) {
                out.add(new Seen(t.id(), best.box(), best.score()));
            }
        }
        return out;
    }
}
