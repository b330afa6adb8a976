package io.x3dava.annotations.ava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.x3dava.annotations.AnnotationFormatException;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pbtxt label map reader: quoting, comments, name/display_name, ids, and errors naming their line. */
class LabelMapTest {
    @TempDir
    Path dir;

    private Path file(String text) throws Exception {
        Path p = Files.createTempFile(dir, "map", ".pbtxt");
        Files.writeString(p, text);
        return p;
    }

    private static void assertError(Path file, int line, String fragment, org.junit.jupiter.api.function.Executable ex) {
        AnnotationFormatException e = assertThrows(AnnotationFormatException.class, ex);
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage() + " should mention " + fragment);
    }

    @Test
    void readsQuotingCommentsAndBothNameKeys() throws Exception {
        LabelMap m = LabelMap.read(file("""
                # a comment { with braces: "and quotes"
                item {
                  name: 'it\\'s "odd"'  # single quotes, an escaped quote
                  id: 3
                }
                label { name: "walk" label_id:1 label_type: PERSON_MOVEMENT }
                item{display_name:"shown" id:7#trailing comment
                }
                item { display_name: "alias" name: "real" id: 2 }
                item { name: "kept" display_name: "alias" id: 100000 label_type: "OBJECT_MANIPULATION" }
                """));
        assertEquals(List.of(new LabelMapEntry(3, "it's \"odd\"", null),
                new LabelMapEntry(1, "walk", "PERSON_MOVEMENT"), new LabelMapEntry(7, "shown", null),
                new LabelMapEntry(2, "real", null), new LabelMapEntry(100000, "kept", "OBJECT_MANIPULATION")),
                m.entries());
        assertEquals(5, m.size());
        assertEquals(100000, m.maxId());
        assertEquals(List.of(1, 2, 3, 7, 100000), m.ids());
        assertTrue(m.contains(7));
        assertFalse(m.contains(4));
        assertEquals("shown", m.name(7));
        assertThrows(IllegalArgumentException.class, () -> m.name(4));
        assertEquals(m.entries(), LabelMap.read(file(m.toText())).entries(), "written text reads back");
    }

    @Test
    void largestIdIsTheLargestNotTheLast() throws Exception {
        LabelMap m = LabelMap.read(file("item { name: \"b\" id: 9 }\nitem { name: \"a\" id: 4 }\n"));
        assertEquals(9, m.maxId());
        assertEquals(2, m.size());
        assertEquals(0, new LabelMap(List.of()).maxId());
    }

    @Test
    void errorsNameTheirLine() throws Exception {
        Path p = file("item {\n  name: \"a\"\n  id: 0\n}\n");
        assertError(p, 3, "between 1 and 100000, got '0'", () -> LabelMap.read(p));
        Path big = file("item {\n  name: \"a\"\n\n  id: 100001\n}\n");
        assertError(big, 4, "got '100001'", () -> LabelMap.read(big));
        Path word = file("item { name: \"a\" id: one }");
        assertError(word, 1, "got 'one'", () -> LabelMap.read(word));
        Path open = file("# header\nitem { name: \"a\n id: 1 }\n");
        assertError(open, 2, "unterminated string; expected a closing \"", () -> LabelMap.read(open));
        Path eof = file("\n\nitem { name: 'abc");
        assertError(eof, 3, "unterminated string; expected a closing '", () -> LabelMap.read(eof));
        Path noBrace = file("\nitem name: \"a\"");
        assertError(noBrace, 2, "expected '{', got 'name'", () -> LabelMap.read(noBrace));
        Path end = file("item");
        assertError(end, 1, "expected '{', got end of file", () -> LabelMap.read(end));
        Path other = file("\n\n\nthing { }");
        assertError(other, 4, "expected 'item {' or 'label {', got 'thing'", () -> LabelMap.read(other));
        Path noValue = file("item {\n name: }");
        assertError(noValue, 2, "expected a value for 'name'", () -> LabelMap.read(noValue));
        Path bare = file("item { name: walk id: 1 }");
        assertError(bare, 1, "expected a quoted class name, got 'walk'", () -> LabelMap.read(bare));
        Path unknown = file("item {\n\n colour: \"red\" }");
        assertError(unknown, 3, "unknown field 'colour'", () -> LabelMap.read(unknown));
        Path noName = file("\nitem { id: 1 }");
        assertError(noName, 2, "item has no name", () -> LabelMap.read(noName));
        Path empty = file("# nothing\n");
        assertError(empty, 0, "label map has no items", () -> LabelMap.read(empty));
        assertError(dir, 0, "is a directory", () -> LabelMap.read(dir));
        Path missing = dir.resolve("missing.pbtxt");
        assertError(missing, 0, "file not found", () -> LabelMap.read(missing));
    }

    @Test
    void bytesThatAreNotUtf8AreReportedOnTheirLine() throws Exception {
        // 2-, 3- and 4-byte characters before the bad byte: the line count must step over each whole character
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("# café € 😀\nitem {\n".getBytes(StandardCharsets.UTF_8));
        b.writeBytes("  name: \"caf".getBytes(StandardCharsets.UTF_8));
        b.write(0xE9); // Latin-1 é
        b.writeBytes("\"\n  id: 1\n}\n".getBytes(StandardCharsets.UTF_8));
        Path p = dir.resolve("latin1.pbtxt");
        Files.write(p, b.toByteArray());
        assertError(p, 3, "expected UTF-8 text", () -> LabelMap.read(p));
    }
}
