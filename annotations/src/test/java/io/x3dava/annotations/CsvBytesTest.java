package io.x3dava.annotations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.x3dava.annotations.ava.AvaCsv;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CsvBytes against what Python's csv.reader gives for the same bytes (excel dialect), plus the extra checks. */
class CsvBytesTest {
    @TempDir
    Path dir;

    List<List<String>> read(String text, int maxFields) throws Exception {
        Path f = Files.write(dir.resolve("t.csv"), text.getBytes(StandardCharsets.UTF_8));
        List<List<String>> out = new ArrayList<>();
        try (CsvBytes c = CsvBytes.open(f, maxFields)) {
            while (c.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 0; i < Math.min(c.count(), maxFields); i++) {
                    row.add(c.text(i));
                }
                row.add("@" + c.lineNumber());
                out.add(row);
            }
        }
        return out;
    }

    @Test
    void pythonCsvFieldRules() throws Exception {
        // csv.reader(['"v1",0902,"a,b","say ""hi""",x"y\n']) -> ['v1', '0902', 'a,b', 'say "hi"', 'x"y']
        assertEquals(List.of(List.of("v1", "0902", "a,b", "say \"hi\"", "x\"y", "@1")),
                read("\"v1\",0902,\"a,b\",\"say \"\"hi\"\"\",x\"y\n", 8));
        // a quoted field may hold a newline; the next record's line number counts it
        assertEquals(List.of(List.of("a\nb", "c", "@1"), List.of("d", "e", "@3")), read("\"a\nb\",c\nd,e\n", 8));
        // "ab"c -> abc (strict=False keeps what follows a closing quote); CRLF; blank lines skipped; no final newline
        assertEquals(List.of(List.of("abc", "1", "@1"), List.of("x", "2", "@3")), read("\"ab\"c,1\r\n\r\nx,2", 8));
    }

    @Test
    void byteOrderMarkIsSkippedAndLongRecordsCrossTheBuffer() throws Exception {
        assertEquals(List.of(List.of("v1", "2", "@1")), read("\uFEFFv1,2\n", 8));
        // just under the 1 MiB line bound, after a short first record: the record crosses the end of the buffer
        String longField = "x".repeat(LineLimit.MAX_BYTES - 8);
        List<List<String>> rows = read("a,b\n" + longField + ",c\nd,e\n", 8);
        assertEquals(3, rows.size());
        assertEquals(longField, rows.get(1).get(0));
        assertEquals(List.of("d", "e", "@3"), rows.get(2));
    }

    @Test
    void aRecordLongerThanTheLineBoundIsAnErrorAtItsLine() throws Exception {
        for (String quote : List.of("", "\"")) {
            Path f = Files.writeString(dir.resolve("long.csv"), "a,b\n" + quote + "x".repeat(3 << 20) + quote
                    + ",c\nd,e\n");
            AnnotationFormatException e = org.junit.jupiter.api.Assertions.assertThrows(
                    AnnotationFormatException.class, () -> {
                        try (CsvBytes c = CsvBytes.open(f, 8)) {
                            while (c.next()) {
                                c.text(0);
                            }
                        }
                    });
            assertEquals(2, e.line(), e.getMessage());
            assertTrue(e.getMessage().contains("line longer than 1048576 bytes"), e.getMessage());
        }
    }

    @Test
    void extraFieldsAreCountedNotKept() throws Exception {
        Path f = Files.writeString(dir.resolve("t.csv"), "a,b,c,d\n");
        try (CsvBytes c = CsvBytes.open(f, 2)) {
            assertTrue(c.next());
            assertEquals(3, c.count(), "maxFields + 1 says: more than 2");
        }
    }

    @Test
    void numbersParseAsPythonFloatAndInt() throws Exception {
        Path f = Files.writeString(dir.resolve("t.csv"),
                " 0.1 ,1e-3,0.30000000000000004,-7,902.0,.5,0.123456789012345678\n");
        try (CsvBytes c = CsvBytes.open(f, 8)) {
            assertTrue(c.next());
            assertEquals(0.1, c.parseDouble(0, "a"), 0.0);
            assertEquals(1e-3, c.parseDouble(1, "b"), 0.0);
            assertEquals(0.30000000000000004, c.parseDouble(2, "c"), 0.0);
            assertEquals(-7, c.parseInt(3, "d"));
            assertEquals(902, c.parseIntegral(4, "e"));
            assertEquals(0.5, c.parseDouble(5, "f"), 0.0);
            assertEquals(Double.parseDouble("0.123456789012345678"), c.parseDouble(6, "g"), 0.0);
            AnnotationFormatException e = assertThrows(AnnotationFormatException.class, () -> c.parseInt(4, "e"));
            assertTrue(e.getMessage().endsWith("t.csv:1: column 5 (e): expected an integer, got '902.0'"), e.getMessage());
        }
        Path g = Files.writeString(dir.resolve("u.csv"), "1d,0x1p3,nan,inf\n");
        try (CsvBytes c = CsvBytes.open(g, 8)) {
            assertTrue(c.next());
            for (int i = 0; i < 4; i++) {
                int col = i;
                AnnotationFormatException e = assertThrows(AnnotationFormatException.class, () -> c.parseDouble(col, "s"));
                assertTrue(e.getMessage().contains(i < 2 ? "expected a number" : "expected a finite number"), e.getMessage());
            }
        }
    }

    @Test
    void duplicatesAreFoundAlsoWhenKeyframesAreNotGrouped() throws Exception {
        String row = "v1,0902,0.1,0.1,0.5,0.5,1,0.9\n";
        // grouped: the per-keyframe check
        Path grouped = Files.writeString(dir.resolve("g.csv"), row + "v1,0902,0.1,0.1,0.5,0.5,2,0.9\n" + row);
        AnnotationFormatException e = assertThrows(AnnotationFormatException.class,
                () -> AvaCsv.scanDetections(grouped, (v, t, a, b, c, d, x, s) -> { }));
        assertTrue(e.getMessage().contains("g.csv:3: duplicate row") && e.getMessage().contains("line 1"), e.getMessage());
        // the same keyframe comes back after another one: the exact second pass over the whole file
        Path interleaved = Files.writeString(dir.resolve("i.csv"), row + "v1,0903,0.1,0.1,0.5,0.5,1,0.9\n"
                + "v1,0902,0.2,0.1,0.5,0.5,1,0.9\n" + row);
        e = assertThrows(AnnotationFormatException.class,
                () -> AvaCsv.scanDetections(interleaved, (v, t, a, b, c, d, x, s) -> { }));
        assertTrue(e.getMessage().contains("i.csv:4: duplicate row") && e.getMessage().contains("line 1"), e.getMessage());
        // interleaved without duplicates reads fine
        Path ok = Files.writeString(dir.resolve("ok.csv"), row + "v1,0903,0.1,0.1,0.5,0.5,1,0.9\n"
                + "v1,0902,0.2,0.1,0.5,0.5,1,0.9\n");
        int[] n = new int[1];
        AvaCsv.scanDetections(ok, (v, t, a, b, c, d, x, s) -> n[0]++);
        assertEquals(3, n[0]);
    }

    @Test
    void nulByteIsAnError() throws Exception {
        Path f = Files.write(dir.resolve("b.csv"), new byte[] {'a', ',', 'b', '\n', 'c', 0, 'd', '\n'});
        try (CsvBytes c = CsvBytes.open(f, 8)) {
            assertTrue(c.next());
            AnnotationFormatException e = assertThrows(AnnotationFormatException.class, c::next);
            assertTrue(e.getMessage().endsWith("b.csv:2: found a NUL byte; expected a text CSV file (is it binary?)"),
                    e.getMessage());
        }
    }
}
