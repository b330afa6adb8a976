package io.x3dava.annotations.kinetics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.x3dava.annotations.AnnotationFormatException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Kinetics class list: one name per line, blank lines skipped, duplicates named with both lines. */
class KineticsClassesTest {
    @TempDir
    Path dir;

    @Test
    void readsNamesAndIndexes() throws Exception {
        Path f = Files.writeString(dir.resolve("classes.txt"), "abseiling\n\n air drumming \n");
        KineticsClasses c = KineticsClasses.read(f);
        assertEquals(2, c.size());
        assertEquals(List.of("abseiling", "air drumming"), c.names());
        assertEquals("air drumming", c.name(1));
        assertEquals(0, c.indexOf("abseiling"));
        assertEquals(1, c.indexOf("air drumming"));
        assertThrows(IllegalArgumentException.class, () -> c.indexOf("juggling"));
    }

    @Test
    void duplicatesNameBothLines() throws Exception {
        Path f = Files.writeString(dir.resolve("dup.txt"), "x\n\na\nx\n");
        AnnotationFormatException e = assertThrows(AnnotationFormatException.class, () -> KineticsClasses.read(f));
        assertEquals(4, e.line());
        assertTrue(e.getMessage().endsWith("duplicate class 'x' (first at line 1)"), e.getMessage());
    }
}
