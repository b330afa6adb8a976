package io.x3dava.annotations.ava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.x3dava.annotations.AnnotationFormatException;
import io.x3dava.annotations.ava.AvaFrameLists.Video;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PySlowFast frame lists: per-video summaries (regular numbering or not), the rows' paths, the first row, writing. */
class AvaFrameListsTest {
    @TempDir
    Path dir;

    private Path list(String... rows) throws Exception {
        Path p = Files.createTempFile(dir, "list", ".csv");
        Files.writeString(p, AvaFrameLists.HEADER + "\n" + String.join("\n", rows) + "\n");
        return p;
    }

    private Path mixed() throws Exception {
        return list(
                "a 0 0 a/a_000001.jpg \"\"",
                "a 0 1 a/a_000002.jpg \"\"",
                "ab 1 0 ab/x_01.jpg \"\"", // an id that starts with the previous one is another video
                "b 2 0 b/img1.jpg \"\"",
                "",
                "b 2 1  b/img2.jpg  ", // no label column, extra spaces
                "a 0 2 a/a_000004.jpg \"\"", // a again, skipping frame 3: not regular
                "c 3 0 c/cover.jpg \"\""); // no frame number: not regular
    }

    @Test
    void videosAreSummarisedInOrderOfTheirFirstRow() throws Exception {
        Map<String, Video> v = AvaFrameLists.read(mixed());
        assertEquals(List.of(new Video("a", 3, "a/a_000001.jpg", "a/a_000004.jpg", 2, false),
                new Video("ab", 1, "ab/x_01.jpg", "ab/x_01.jpg", 4, true),
                new Video("b", 2, "b/img1.jpg", "b/img2.jpg", 5, true),
                new Video("c", 1, "c/cover.jpg", "c/cover.jpg", 9, false)), List.copyOf(v.values()));
        assertEquals("b/img7.jpg", v.get("b").numbering().orElseThrow().path(6));
        Video regular = AvaFrameLists.read(list("a 0 0 a/a_000001.jpg \"\"", "a 0 1 a/a_000002.jpg \"\"")).get("a");
        assertTrue(regular.regular());
    }

    @Test
    void rowsWithTooManyColumnsAreNamed() throws Exception {
        Path six = list("a 0 0 a/a_000001.jpg \"\"", "a 0 1 a/a_000002.jpg \"\" x y z");
        AnnotationFormatException e = assertThrows(AnnotationFormatException.class, () -> AvaFrameLists.read(six));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().endsWith("got 6"), e.getMessage());
        Path trailing = list("a 0 0 a/a_000001.jpg \"\" ");
        assertEquals(1, AvaFrameLists.read(trailing).get("a").rows(), "a trailing space is not a column");
    }

    @Test
    void pathsOfTheAskedVideosInFileOrder() throws Exception {
        Path p = mixed();
        Map<String, List<String>> want = new LinkedHashMap<>();
        want.put("a", List.of("a/a_000001.jpg", "a/a_000002.jpg", "a/a_000004.jpg"));
        want.put("b", List.of("b/img1.jpg", "b/img2.jpg"));
        assertEquals(want, AvaFrameLists.paths(p, Set.of("a", "b")));
        assertEquals(Map.of(), AvaFrameLists.paths(p, Set.of()));
    }

    @Test
    void firstRowAndItsErrors() throws Exception {
        assertEquals(new Video("a", 1, "a/a_000001.jpg", "a/a_000001.jpg", 2, true), AvaFrameLists.first(mixed()));
        Path headerOnly = dir.resolve("header.csv");
        Files.writeString(headerOnly, AvaFrameLists.HEADER + "\n");
        assertEquals(2, assertThrows(AnnotationFormatException.class, () -> AvaFrameLists.first(headerOnly)).line());
        Path noHeader = dir.resolve("nohead.csv");
        Files.writeString(noHeader, "a 0 0 a/a_000001.jpg \"\"\n");
        assertEquals(1, assertThrows(AnnotationFormatException.class, () -> AvaFrameLists.first(noHeader)).line());
    }

    @Test
    void writtenListsNumberVideosInOrder() throws Exception {
        LinkedHashMap<String, Integer> counts = new LinkedHashMap<>();
        counts.put("x", 1);
        counts.put("y", 2);
        Path p = dir.resolve("w.csv");
        AvaFrameLists.write(p, counts, "{vid}/{vid}_%06d.jpg");
        assertEquals(List.of(AvaFrameLists.HEADER, "x 0 0 x/x_000001.jpg \"\"", "y 1 0 y/y_000001.jpg \"\"",
                "y 1 1 y/y_000002.jpg \"\""), Files.readAllLines(p));
    }
}
