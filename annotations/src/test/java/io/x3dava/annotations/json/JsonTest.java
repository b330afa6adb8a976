package io.x3dava.annotations.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.x3dava.annotations.AnnotationFormatException;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonTest {
    record Point(int x, int y) {
        Point {
            if (x < 0) {
                throw new IllegalArgumentException("x must be >= 0");
            }
        }
    }

    @TempDir
    Path dir;

    @Test
    void roundTripsAtomically() throws Exception {
        Path f = dir.resolve("p.json");
        Json.write(f, new Point(1, 2));
        assertEquals(new Point(1, 2), Json.read(f, Point.class));
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count(), "no temporary file left behind");
        }
    }

    @Test
    void malformedJsonNamesFileAndLine() throws Exception {
        Path f = dir.resolve("bad.json");
        Files.writeString(f, "{\n  \"x\": 1,\n  \"y\": oops\n}\n");
        AnnotationFormatException e = assertThrows(AnnotationFormatException.class, () -> Json.read(f, Point.class));
        assertEquals(3, e.line(), e.getMessage());
        assertTrue(e.getMessage().startsWith(f + ":3: expected a valid Point"), e.getMessage());
    }

    @Test
    void unknownFieldAndFailedValidationAreOneLine() throws Exception {
        Path f = dir.resolve("typo.json");
        Files.writeString(f, "{\"x\": 1, \"yy\": 2}");
        AnnotationFormatException e = assertThrows(AnnotationFormatException.class, () -> Json.read(f, Point.class));
        assertTrue(e.getMessage().contains("yy"), e.getMessage());
        Files.writeString(f, "{\"x\": -1, \"y\": 2}");
        e = assertThrows(AnnotationFormatException.class, () -> Json.read(f, Point.class));
        assertTrue(e.getMessage().contains("x must be >= 0"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void aStringOverTheLineBoundIsOneLineNamingTheFile() throws Exception {
        Path f = dir.resolve("huge.json");
        Files.writeString(f, "{\n  \"x\": 1,\n  \"name\": \"" + "a".repeat((1 << 20) + 1) + "\"\n}\n");
        AnnotationFormatException e = assertThrows(AnnotationFormatException.class, () -> Json.readTree(f));
        // Jackson's constraint error carries no location: the file is named, without a line
        assertTrue(e.getMessage().startsWith(f + ": expected a valid JSON: String value length (1048577) exceeds the"
                + " maximum allowed (1048576"), e.getMessage());
        Files.writeString(f, "{\"name\": \"" + "a".repeat(1 << 20) + "\"}");
        assertEquals(1 << 20, Json.readTree(f).get("name").asText().length(), "a string of exactly 1 MiB is read");
    }

    @Test
    void directoryAndMissingFileAreBadInput() {
        AnnotationFormatException e = assertThrows(AnnotationFormatException.class, () -> Json.read(dir, Point.class));
        assertTrue(e.getMessage().contains("a directory"), e.getMessage());
        e = assertThrows(AnnotationFormatException.class, () -> Json.read(dir.resolve("none.json"), Point.class));
        assertTrue(e.getMessage().contains("file not found"), e.getMessage());
    }
}
