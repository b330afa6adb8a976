package io.x3dava.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;

import io.x3dava.annotations.json.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Compares two of detect-video's output folders: the same rows (numbers to 1e-6) and the same tracks. */
final class VideoOutputsCompare {
    static final List<String> CSVS = List.of("actions.csv", "actions_keyframes.csv", "track_actions.csv");

    private VideoOutputsCompare() {
    }

    /**
     * {@code b} holds what {@code a} holds. Rows are compared field by field; the video id column may differ when
     * {@code sameId} is false (two copies of one video under two names).
     *
     * @return the action rows of {@code a}
     */
    static int assertSame(Path a, Path b, boolean sameId) throws IOException {
        int rows = 0;
        for (String csv : CSVS) {
            List<String> x = Files.readAllLines(a.resolve(csv));
            List<String> y = Files.readAllLines(b.resolve(csv));
            assertEquals(x.size(), y.size(), "rows of " + b.resolve(csv) + " (no row lost or doubled)");
            for (int i = 0; i < x.size(); i++) {
                String[] f = x.get(i).split(",", -1);
                String[] g = y.get(i).split(",", -1);
                assertEquals(f.length, g.length, b.resolve(csv) + " row " + i);
                for (int c = 0; c < f.length; c++) {
                    if (isNumber(f[c]) && isNumber(g[c])) {
                        assertEquals(Double.parseDouble(f[c]), Double.parseDouble(g[c]), 1e-6,
                                b.resolve(csv) + " row " + i + " column " + c);
                    } else if (sameId || !f[c].equals(a.getFileName().toString())) {
                        assertEquals(f[c], g[c], b.resolve(csv) + " row " + i + " column " + c);
                    }
                }
            }
            if (csv.equals("actions.csv")) {
                rows = x.size();
            }
        }
        JsonNode ta = Json.mapper().readTree(a.resolve("tracks.json").toFile());
        JsonNode tb = Json.mapper().readTree(b.resolve("tracks.json").toFile());
        assertTrue(ta.path("tracks").size() > 0, "people tracked in " + a);
        assertEquals(ta.path("tracks").toString(), tb.path("tracks").toString(), "tracks of " + b);
        for (Path d : List.of(a, b)) {
            JsonNode run = Json.mapper().readTree(d.resolve("run.json").toFile());
            assertEquals("finished", run.path("status").asText(), d.toString());
        }
        return rows;
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
