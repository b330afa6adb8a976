package io.x3dava.annotations;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CsvBytes' field accessors: byte comparisons and packing, hashes, UTF-8 text, and numbers as Python reads them. */
class CsvBytesFieldsTest {
    @TempDir
    Path dir;

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private CsvBytes open(byte[] bytes) throws Exception {
        Path f = Files.write(dir.resolve("t.csv"), bytes);
        CsvBytes c = CsvBytes.open(f, 8);
        assertEquals(f, c.file());
        return c;
    }

    private static String error(org.junit.jupiter.api.function.Executable ex) {
        return assertThrows(AnnotationFormatException.class, ex).getMessage();
    }

    @Test
    void fieldsCompareAndPackTheirTrimmedBytes() throws Exception {
        String longField = "y".repeat(128);
        try (CsvBytes c = open(utf8(" vid ,0.1,0.25 , 0.5,0.75,,x\n"
                + "vid,0.1,0.25,0.5,0.75\n"
                + "vid,0.1,0.25,0.5,0.76\n"
                + "vid,0.1,0.25,0.5\n"
                + "vid,0.1,0.25,0.5,0.7,5\n"
                + longField + ",a\n"))) {
            assertTrue(c.next());
            assertTrue(c.fieldEquals(0, utf8("vid"), 3));
            assertTrue(c.fieldEquals(0, utf8("vidx"), 3), "only the first len bytes are compared");
            assertFalse(c.fieldEquals(0, utf8("vix"), 3));
            assertFalse(c.fieldEquals(0, utf8("vi"), 2));
            assertArrayEquals(utf8("vid"), c.fieldBytes(0));
            assertArrayEquals(new byte[0], c.fieldBytes(5));
            assertEquals(Arrays.hashCode(utf8("vid")), c.fieldHash(0));
            assertEquals(Arrays.hashCode(utf8("x")), c.fieldHash(6));
            assertTrue(c.fieldHash(0) != c.fieldHash(1));

            byte[] packed = new byte[64];
            int len = c.packFields(1, 4, packed);
            assertEquals(18, len);
            assertArrayEquals(new byte[] {3, '0', '.', '1', 4, '0', '.', '2', '5', 3, '0', '.', '5', 4, '0', '.', '7',
                '5'}, Arrays.copyOf(packed, len));
            assertTrue(c.fieldsEqual(1, 4, packed, len));
            assertFalse(c.fieldsEqual(1, 4, packed, len - 1));
            assertFalse(c.fieldsEqual(1, 3, packed, len), "fewer fields than packed");
            assertEquals(-1, c.packFields(1, 4, new byte[17]), "does not fit");
            assertEquals(18, c.packFields(1, 4, new byte[18]), "fits exactly");

            assertTrue(c.next());
            assertTrue(c.fieldsEqual(1, 4, packed, len), "same fields without the spaces");
            assertTrue(c.next());
            assertFalse(c.fieldsEqual(1, 4, packed, len), "last byte differs");
            assertTrue(c.next());
            assertFalse(c.fieldsEqual(1, 4, packed, len), "a field missing");
            assertTrue(c.next());
            assertFalse(c.fieldsEqual(1, 4, packed, len), "the same bytes split differently");
            assertTrue(c.next());
            assertEquals(-1, c.packFields(0, 1, new byte[300]), "a field over 127 bytes");
            assertEquals(2, c.packFields(1, 1, new byte[300]));
        }
    }

    @Test
    void textIsUtf8() throws Exception {
        byte[] latin1 = {'a', ',', 'c', 'a', 'f', (byte) 0xE9, '\n'};
        try (CsvBytes c = open(utf8(" café , naïve ,\n"))) {
            assertTrue(c.next());
            assertEquals("café", c.text(0));
            assertEquals("naïve", c.text(1));
            assertEquals("", c.text(2));
        }
        try (CsvBytes c = open(latin1)) {
            assertTrue(c.next());
            assertEquals("a", c.text(0));
            assertEquals("t.csv:1: column 2: expected UTF-8 text, got bytes that are not UTF-8 (a Latin-1 or binary "
                    + "file?)", error(() -> c.text(1)).replace(dir + "/", ""));
        }
    }

    @Test
    void decimalsAsPythonFloat() throws Exception {
        String[] in = {"+1.5", "-0.25", "5.", "-.5", "00012.50", "1234567890123456", "0.00000000000000000000000123",
            "1e5", "-2.5E-3", "123456789012345", "0.000000000000000000001", "9007199254740993"};
        try (CsvBytes c = open(utf8(String.join(",", Arrays.copyOf(in, 8)) + "\n"
                + String.join(",", Arrays.copyOfRange(in, 8, in.length)) + "\n"))) {
            assertTrue(c.next());
            for (int i = 0; i < 8; i++) {
                assertEquals(Double.parseDouble(in[i]), c.parseDouble(i, "v"), 0.0, in[i]);
            }
            assertTrue(c.next());
            for (int i = 8; i < in.length; i++) {
                assertEquals(Double.parseDouble(in[i]), c.parseDouble(i - 8, "v"), 0.0, in[i]);
            }
        }
    }

    @Test
    void notNumbersNameTheColumnAndTheField() throws Exception {
        String longField = "z".repeat(45);
        try (CsvBytes c = open(utf8(".,12a, ,+inf,-INF," + longField + ",1.5x,-\n"))) {
            assertTrue(c.next());
            assertTrue(error(() -> c.parseDouble(0, "s")).endsWith("column 1 (s): expected a number, got '.'"));
            assertTrue(error(() -> c.parseDouble(1, "s")).endsWith("column 2 (s): expected a number, got '12a'"));
            assertTrue(error(() -> c.parseDouble(2, "s")).endsWith("column 3 (s): expected a number, got ''"));
            assertTrue(error(() -> c.parseDouble(3, "s")).endsWith("column 4 (s): expected a finite number, got '+inf'"));
            assertTrue(error(() -> c.parseDouble(4, "s")).endsWith("column 5 (s): expected a finite number, got '-INF'"));
            assertTrue(error(() -> c.parseDouble(5, "s")).endsWith("column 6 (s): expected a number, got '"
                    + "z".repeat(40) + "...'"));
            assertTrue(error(() -> c.parseDouble(6, "s")).endsWith("got '1.5x'"));
            assertTrue(error(() -> c.parseDouble(7, "s")).endsWith("column 8 (s): expected a number, got '-'"));
        }
    }

    @Test
    void integersAsPythonInt() throws Exception {
        try (CsvBytes c = open(utf8("+12,2147483647,-2147483648,2147483648,-2147483649,12345678901,-,1 2\n"
                + "-3.0,2.5,0902,-0012, 7 ,x\n"))) {
            assertTrue(c.next());
            assertEquals(12, c.parseInt(0, "i"));
            assertEquals(Integer.MAX_VALUE, c.parseInt(1, "i"));
            assertEquals(Integer.MIN_VALUE, c.parseInt(2, "i"));
            for (int k = 3; k < 8; k++) {
                int col = k;
                assertTrue(error(() -> c.parseInt(col, "i")).contains("column " + (k + 1) + " (i): expected an integer"));
            }
            assertTrue(c.next());
            assertEquals(-3, c.parseIntegral(0, "t"));
            assertTrue(error(() -> c.parseIntegral(1, "t")).endsWith("column 2 (t): expected an integer, got '2.5'"));
            assertEquals(902, c.parseInt(2, "t"));
            assertEquals(-12, c.parseInt(3, "t"));
            assertEquals(7, c.parseInt(4, "t"));
            assertTrue(error(() -> c.parseIntegral(5, "t")).endsWith("expected an integer, got 'x'"));
        }
    }
}
