package io.x3dava.annotations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** Splitting one unquoted line into trimmed fields, and number parsing with errors naming file, line and column. */
class LineFieldsTest {
    private static final Path FILE = Path.of("rows.csv");

    private static void assertError(String fragment, org.junit.jupiter.api.function.Executable ex) {
        AnnotationFormatException e = assertThrows(AnnotationFormatException.class, ex);
        assertEquals(7, e.line());
        assertTrue(e.getMessage().startsWith("rows.csv:7: "), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage() + " should mention " + fragment);
    }

    @Test
    void splitsTrimsAndCountsOneExtraField() {
        LineFields f = new LineFields(FILE, ',', 3);
        assertEquals(3, f.split(" a, b ,c\r", 7));
        assertEquals(3, f.count());
        assertEquals(7, f.lineNumber());
        assertEquals("a", f.text(0));
        assertEquals("b", f.text(1));
        assertEquals("c", f.text(2));
        assertEquals(3, f.split("x,,", 8), "empty fields count");
        assertEquals("x", f.text(0));
        assertTrue(f.isEmpty(1));
        assertTrue(f.isEmpty(2));
        assertFalse(f.isEmpty(0));
        assertEquals(4, f.split("1,2,3,4,5,6", 9), "more than maxFields: maxFields + 1");
        assertEquals("4", f.text(3));
        assertEquals(1, f.split("", 10));
        assertTrue(f.isEmpty(0));
        assertEquals(2, f.split("ab,cd", 11));
        assertEquals("cd", f.text(1));
    }

    @Test
    void spaceSeparatedLines() {
        LineFields f = new LineFields(FILE, ' ', 2);
        assertEquals(2, f.split("video/frames 42", 1));
        assertEquals("video/frames", f.text(0));
        assertEquals("42", f.text(1));
    }

    @Test
    void parsesNumbersAndNamesTheColumn() throws Exception {
        LineFields f = new LineFields(FILE, ',', 4);
        f.split("0902, 1.5 ,NaN,x", 7);
        assertEquals(902, f.parseInt(0, "timestamp"));
        assertEquals(1.5, f.parseDouble(1, "score"));
        assertError("column 3 (score): expected a finite number, got 'NaN'", () -> f.parseDouble(2, "score"));
        assertError("column 4 (score): expected a number, got 'x'", () -> f.parseDouble(3, "score"));
        assertError("column 2 (id): expected an integer, got '1.5'", () -> f.parseInt(1, "id"));
        f.split("Infinity,-Infinity", 7);
        assertError("column 1 (x): expected a finite number", () -> f.parseDouble(0, "x"));
        assertError("column 2 (x): expected a finite number", () -> f.parseDouble(1, "x"));
        assertEquals("rows.csv:7: bad", f.error("bad").getMessage());
    }

    @Test
    void integralAcceptsIntegerValuedFloats() throws Exception {
        LineFields f = new LineFields(FILE, ',', 8);
        f.split("0902,902.0,-3.0,902.5,1e10,x,-1e10,2147483646.0", 7);
        assertEquals(902, f.parseIntegral(0, "t"));
        assertEquals(902, f.parseIntegral(1, "t"));
        assertEquals(-3, f.parseIntegral(2, "t"));
        assertError("column 4 (t): expected an integer, got '902.5'", () -> f.parseIntegral(3, "t"));
        assertError("column 5 (t): expected an integer, got '1e10'", () -> f.parseIntegral(4, "t"));
        assertError("column 6 (t): expected an integer, got 'x'", () -> f.parseIntegral(5, "t"));
        assertError("column 7 (t): expected an integer", () -> f.parseIntegral(6, "t"));
        assertEquals(2147483646, f.parseIntegral(7, "t"));
    }
}
