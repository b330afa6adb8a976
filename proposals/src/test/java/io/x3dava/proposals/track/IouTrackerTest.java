package io.x3dava.proposals.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.x3dava.annotations.ava.AvaBox;
import io.x3dava.proposals.detect.PersonHit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

class IouTrackerTest {

    private static PersonHit at(double cx, double cy) {
        return new PersonHit(new AvaBox(cx - 0.05, cy - 0.15, cx + 0.05, cy + 0.15), 0.9);
    }

    @Test
    void twoPeopleCrossingKeepTheirIds() {
        IouTracker tracker = IouTracker.create();
        int a = -1;
        int b = -1;
        for (int i = 0; i <= 40; i++) {
            double t = i * 0.25;
            double xa = 0.1 + 0.02 * i; // left to right
            double xb = 0.9 - 0.02 * i; // right to left: they overlap fully at i = 20
            List<TrackedBox> out = tracker.update(t, List.of(at(xb, 0.5), at(xa, 0.52)));
            if (i == 0) {
                b = out.get(0).trackId();
                a = out.get(1).trackId();
                assertNotEquals(a, b);
            }
            assertEquals(b, out.get(0).trackId(), "right-to-left walker at step " + i);
            assertEquals(a, out.get(1).trackId(), "left-to-right walker at step " + i);
        }
        assertEquals(2, tracker.tracks().size());
        assertEquals(41, tracker.tracks().get(0).boxes().size());
    }

    @Test
    void aShortMissKeepsTheIdALongOneEndsTheTrack() {
        IouTracker tracker = IouTracker.create();
        int id = tracker.update(0.0, List.of(at(0.5, 0.5))).get(0).trackId();
        tracker.update(0.25, List.of());
        tracker.update(0.5, List.of());
        assertEquals(id, tracker.update(0.75, List.of(at(0.5, 0.5))).get(0).trackId(), "missed 0.5 s: same id");
        tracker.update(1.0, List.of());
        int later = tracker.update(2.5, List.of(at(0.5, 0.5))).get(0).trackId();
        assertNotEquals(id, later, "missed 1.75 s (> 1 s memory): a new track");
    }

    @Test
    void unrelatedBoxStartsANewTrack() {
        IouTracker tracker = IouTracker.create();
        List<TrackedBox> first = tracker.update(0, List.of(at(0.2, 0.5)));
        List<TrackedBox> second = tracker.update(0.25, List.of(at(0.2, 0.5), at(0.8, 0.5)));
        assertEquals(first.get(0).trackId(), second.get(0).trackId());
        assertNotEquals(first.get(0).trackId(), second.get(1).trackId());
    }

    @Test
    void tracksJsonHasTheAgreedShape(@TempDir Path dir) throws Exception {
        IouTracker tracker = IouTracker.create();
        tracker.update(0.0, List.of(at(0.2, 0.5)));
        tracker.update(0.25, List.of(at(0.21, 0.5)));
        Path file = dir.resolve("tracks.json");
        TracksJson.write(file, TracksJson.document("vtest", 10.0, 4.0, tracker.tracks()));
        var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile());
        List<String> fields = new ArrayList<>();
        tree.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("video", "fps", "rate", "tracks"), fields);
        var box = tree.get("tracks").get(0).get("boxes").get(1);
        List<String> boxFields = new ArrayList<>();
        box.fieldNames().forEachRemaining(boxFields::add);
        assertEquals(List.of("t", "x1", "y1", "x2", "y2", "score"), boxFields);
        assertEquals(1, tree.get("tracks").get(0).get("id").asInt());
        assertEquals(0.25, box.get("t").asDouble());
        assertEquals(0.16, box.get("x1").asDouble(), 1e-12);
        assertEquals(tracker.tracks().get(0).boxes().size(), TracksJson.read(file).tracks().get(0).boxes().size());
    }
}
