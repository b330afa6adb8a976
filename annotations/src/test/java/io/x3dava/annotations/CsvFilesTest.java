package io.x3dava.annotations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The small-file RFC 4180 reader and writer: quoting both ways, line numbers, the end of the file, numbers. */
class CsvFilesTest {
    @TempDir
    Path dir;

    /** Each record as "line: field|field". */
    private List<String> read(String text) throws Exception {
        Path f = Files.write(dir.resolve("t.csv"), text.getBytes(StandardCharsets.UTF_8));
        List<String> out = new ArrayList<>();
        for (CsvRecord r : CsvFiles.read(f)) {
            out.add(r.line() + ": " + String.join("|", r.fields()));
        }
        return out;
    }

    private int errorLine(String text) throws Exception {
        Path f = Files.write(dir.resolve("bad.csv"), text.getBytes(StandardCharsets.UTF_8));
        return assertThrows(AnnotationFormatException.class, () -> CsvFiles.read(f)).line();
    }

    @Test
    void recordsQuotesAndLineNumbers() throws Exception {
        assertEquals(List.of("1: a|b"), read("\uFEFFa,b\n"), "byte order mark dropped");
        assertEquals(List.of("1: a\nb|c", "3: d"), read("\"a\nb\",c\nd\n"), "a quoted newline counts as a line");
        assertEquals(List.of("1: a", "3: b"), read("a\r\n\r\nb\r\n"), "blank lines skipped, CRLF");
        assertEquals(List.of("1: say \"hi\"|x"), read("\"say \"\"hi\"\"\",x\n"));
    }

    @Test
    void theLastRecordWithoutANewline() throws Exception {
        assertEquals(List.of("1: x|abc"), read("x,\"abc\""));
        assertEquals(List.of("1: a", "2: "), read("a\n\"\""), "a quoted empty field is a record");
        assertEquals(List.of("1: a|"), read("a,"));
        assertEquals(List.of("1: q"), read("q"));
        assertEquals(List.of("1: a"), read("a\n"));
    }

    @Test
    void quoteErrorsNameTheirLine() throws Exception {
        assertEquals(2, errorLine("a\nab\"c\n"));
        assertEquals(2, errorLine("a\n\"bc\nd\n"), "the line the quote opened on");
    }

    @Test
    void fieldsAreQuotedOnlyWhenTheyMustBe() {
        assertEquals("ab", CsvFiles.quote("ab"));
        assertEquals("\",a\"", CsvFiles.quote(",a"));
        assertEquals("\"\"\"a\"", CsvFiles.quote("\"a"));
        assertEquals("\"\na\"", CsvFiles.quote("\na"));
        assertEquals("\"\ra\"", CsvFiles.quote("\ra"));
        assertEquals("\"a\"\"b\"", CsvFiles.quote("a\"b"));
        assertEquals("x,\"y,z\"\n", CsvFiles.line(List.of("x", "y,z")));
    }

    @Test
    void numbersAreShortAndReadBack() {
        assertEquals("-3", CsvFiles.number(-3.0));
        assertEquals("999999999999999", CsvFiles.number(999999999999999.0));
        assertEquals("1.0e15", CsvFiles.number(1e15));
        assertEquals("2.5", CsvFiles.number(2.5));
        assertEquals("1.0e-7", CsvFiles.number(1e-7));
    }
}
