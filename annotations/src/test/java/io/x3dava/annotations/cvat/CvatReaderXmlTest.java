package io.x3dava.annotations.cvat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.x3dava.annotations.AnnotationFormatException;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CVAT XML that is not well-formed is one line naming where; entities of a DTD are never expanded. */
class CvatReaderXmlTest {
    @TempDir
    Path dir;

    @Test
    void malformedXmlNamesItsLineOnOneLine() throws Exception {
        Path f = Files.writeString(dir.resolve("bad.xml"), "<annotations>\n  <meta>\n</annotations>\n");
        AnnotationFormatException e = assertThrows(AnnotationFormatException.class, () -> CvatReader.read(f));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().startsWith(f + ":3: malformed XML: "), e.getMessage());
        assertFalse(e.getMessage().contains("Message: "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void entitiesAreNotExpanded() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOPSECRET");
        Path external = Files.writeString(dir.resolve("external.xml"), "<?xml version=\"1.0\"?>\n"
                + "<!DOCTYPE annotations [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>\n"
                + "<annotations><meta><task><name>&x;</name></task></meta></annotations>\n");
        AnnotationFormatException e = assertThrows(AnnotationFormatException.class, () -> CvatReader.read(external));
        assertFalse(e.getMessage().contains("TOPSECRET"), e.getMessage());
        Path internal = Files.writeString(dir.resolve("internal.xml"), "<?xml version=\"1.0\"?>\n"
                + "<!DOCTYPE annotations [<!ENTITY y \"expanded\">]>\n"
                + "<annotations><meta><task><name>&y;</name></task></meta></annotations>\n");
        assertThrows(AnnotationFormatException.class, () -> CvatReader.read(internal));
    }
}
