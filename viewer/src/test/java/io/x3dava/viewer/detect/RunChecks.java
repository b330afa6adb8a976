package io.x3dava.viewer.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What every detect-video output folder must be, however the run ended: run.json parses and counts the frames; the
 * MP4 (when written) decodes to that many frames; tracks.json parses and holds no box after the last frame; the CSVs
 * are whole rows, as many as run.json says, none after the last frame, and track_actions.csv matches actions.csv row
 * for row.
 */
final class RunChecks {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunChecks() {
    }

    /** Checks {@code dir} and returns its run.json. */
    static JsonNode check(Path dir, boolean video) throws Exception {
        JsonNode run = JSON.readTree(dir.resolve("run.json").toFile());
        long frames = run.get("frames").asLong();
        double last = run.get("videoSeconds").asDouble();
        if (video && frames > 0) {
            assertEquals(frames, decodedFrames(dir.resolve("annotated.mp4")), "annotated.mp4 plays every frame done");
        }
        JsonNode tracks = JSON.readTree(dir.resolve("tracks.json").toFile());
        for (JsonNode t : tracks.get("tracks")) {
            for (JsonNode b : t.get("boxes")) {
                assertTrue(b.get("t").asDouble() <= last + 1e-6, "track box after the last frame: " + b);
            }
        }
        String actions = Files.readString(dir.resolve("actions.csv"), StandardCharsets.UTF_8);
        String trackActions = Files.readString(dir.resolve("track_actions.csv"), StandardCharsets.UTF_8);
        assertTrue(actions.isEmpty() || actions.endsWith("\n"), "whole rows only");
        assertTrue(trackActions.startsWith("seconds,track_id,action_id,score\n") && trackActions.endsWith("\n"));
        List<String> rows = actions.lines().toList();
        List<String> trackRows = trackActions.lines().skip(1).toList();
        assertEquals(run.get("actionRows").asLong(), rows.size(), "run.json counts the rows written");
        assertEquals(rows.size(), trackRows.size());
        for (int i = 0; i < rows.size(); i++) {
            String[] a = rows.get(i).split(",");
            String[] t = trackRows.get(i).split(",");
            assertEquals(8, a.length, rows.get(i));
            assertTrue(Double.parseDouble(a[1]) <= last + 1e-6, "row after the last frame: " + rows.get(i));
            assertEquals(a[1], t[0]);
            assertEquals(a[7], t[3]);
        }
        try (var s = Files.list(dir)) {
            List<String> hidden = s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
            assertTrue(hidden.isEmpty(), "no temporary files left: " + hidden);
        }
        return run;
    }

    static long decodedFrames(Path mp4) throws Exception {
        long n = 0;
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(mp4.toFile())) {
            g.start();
            Frame f;
            while ((f = g.grabImage()) != null) {
                if (f.image != null) {
                    n++;
                }
            }
        }
        return n;
    }
}
