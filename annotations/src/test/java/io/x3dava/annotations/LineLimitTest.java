package io.x3dava.annotations;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lines of up to 1 MiB are accepted; a longer one is an error naming its line. */
class LineLimitTest {
    private static final Path FILE = Path.of("big.txt");

    @TempDir
    Path dir;

    /** {@code lengths[i]} bytes of 'x' per line, separated by newlines. */
    private static byte[] lines(int... lengths) {
        int total = Arrays.stream(lengths).sum() + lengths.length - 1;
        byte[] b = new byte[total];
        Arrays.fill(b, (byte) 'x');
        int at = 0;
        for (int i = 0; i < lengths.length - 1; i++) {
            at += lengths[i];
            b[at++] = '\n';
        }
        return b;
    }

    private static int failingLine(byte[] bytes) {
        AnnotationFormatException e = assertThrows(AnnotationFormatException.class,
                () -> LineLimit.check(FILE, bytes, "short lines"));
        assertTrue(e.getMessage().contains("line longer than 1048576 bytes (1 MiB); expected short lines"),
                e.getMessage());
        return e.line();
    }

    @Test
    void acceptsLinesOfExactlyTheLimit() throws Exception {
        int max = LineLimit.MAX_BYTES;
        LineLimit.check(FILE, lines(max, max, 3, max), "short lines");
        LineLimit.check(FILE, new byte[0], "short lines");
    }

    @Test
    void namesTheFirstLineOverTheLimit() {
        int max = LineLimit.MAX_BYTES;
        assertEquals(1, failingLine(lines(max + 1)));
        assertEquals(3, failingLine(lines(5, max, max + 1, max + 1)));
        assertEquals(2, failingLine(lines(max, max + 1)), "the last line, without a newline after it");
    }

    @Test
    void readChecksTheFile() throws Exception {
        Path ok = dir.resolve("ok.txt");
        Files.write(ok, lines(3, 4));
        assertArrayEquals(lines(3, 4), LineLimit.read(ok, "short lines"));
        Path big = dir.resolve("big.txt");
        Files.write(big, lines(2, LineLimit.MAX_BYTES + 1));
        AnnotationFormatException e = assertThrows(AnnotationFormatException.class,
                () -> LineLimit.read(big, "short lines"));
        assertEquals(2, e.line());
        assertEquals("a\nb", LineLimit.readString(writeBytes("u.txt", "a\nb".getBytes()), "text"));
        assertThrows(AnnotationFormatException.class,
                () -> LineLimit.readString(writeBytes("l.txt", new byte[] {'a', (byte) 0xE9}), "text"));
    }

    private Path writeBytes(String name, byte[] bytes) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }
}
