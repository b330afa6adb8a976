package io.x3dava.annotations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write that fails (a full disk says only "No space left on device") names its file, leaves the earlier content and
 * no temporary file; text files that grow by chunks keep their whole chunks.
 */
class FailedWritesTest {
    @TempDir
    Path dir;

    @Test
    void atomicWriteFailureNamesTheFileAndKeepsTheOldOne() throws Exception {
        Path target = dir.resolve("checkpoint.json");
        AtomicFiles.writeString(target, "old\n");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write("half".getBytes(StandardCharsets.UTF_8));
            throw new IOException("No space left on device");
        }));
        assertEquals(target + ": No space left on device", e.getMessage());
        assertEquals("old\n", Files.readString(target));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(target), s.toList(), "no temporary file left");
        }
    }

    @Test
    void errorsThatNameTheirFileAreNotNamedTwice() {
        Path target = dir.resolve("a.csv");
        IOException named = new AnnotationFormatException(target, 3, "bad");
        assertEquals(named, AtomicFiles.naming(target, named));
        IOException plain = new IOException("Disk quota exceeded");
        assertEquals(target + ": Disk quota exceeded", AtomicFiles.naming(target, plain).getMessage());
    }

    @Test
    void appendedFileKeepsWholeChunks() throws Exception {
        Path file = dir.resolve("rows.csv");
        try (AppendedTextFile f = AppendedTextFile.create(file, "h\n")) {
            f.append("1\n2\n");
            f.append("");
            f.append("3\n");
            assertEquals(8, f.size());
        }
        assertEquals("h\n1\n2\n3\n", Files.readString(file));
        try (AppendedTextFile f = AppendedTextFile.create(file, "")) {
            assertEquals(0, f.size());
        }
        assertEquals("", Files.readString(file), "create starts the file afresh");
        assertFalse(Files.readString(file).contains("h"));
        assertTrue(Files.isRegularFile(file));
    }
}
