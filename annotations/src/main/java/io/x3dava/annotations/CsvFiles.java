package io.x3dava.annotations;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV: quoted fields may hold commas, doubled quotes and newlines (Charades descriptions do). Records keep
 * the line they start on for error messages. Writing quotes a field only when it needs it.
 */
public final class CsvFiles {
    private CsvFiles() {}

    public static List<CsvRecord> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new AnnotationFormatException(file, 0, "file not found");
        }
        // a strict UTF-8 decode as before, after the line-length check
        String text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(LineLimit.read(file,
                "a CSV file with one record per line"))).toString();
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        List<CsvRecord> out = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int line = 1;
        int recordLine = 1;
        boolean quoted = false;
        boolean fieldStarted = false;
        int quoteLine = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < n && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
                continue;
            }
            switch (c) {
                case '"' -> {
                    if (field.length() > 0) {
                        throw new AnnotationFormatException(file, line, "unexpected quote inside an unquoted field");
                    }
                    quoted = true;
                    fieldStarted = true;
                    quoteLine = line;
                }
                case ',' -> {
                    fields.add(field.toString());
                    field.setLength(0);
                    fieldStarted = true;
                }
                case '\r' -> {
                    // CRLF: the '\n' ends the record
                }
                case '\n' -> {
                    if (fieldStarted || field.length() > 0 || !fields.isEmpty()) {
                        fields.add(field.toString());
                        out.add(new CsvRecord(file, recordLine, fields));
                    }
                    fields = new ArrayList<>();
                    field.setLength(0);
                    fieldStarted = false;
                    line++;
                    recordLine = line;
                }
                default -> field.append(c);
            }
        }
        if (quoted) {
            throw new AnnotationFormatException(file, quoteLine, "unterminated quoted field (expected a closing \")");
        }
        if (fieldStarted || field.length() > 0 || !fields.isEmpty()) {
            fields.add(field.toString());
            out.add(new CsvRecord(file, recordLine, fields));
        }
        return out;
    }

    /** Reads a CSV whose first record is a header that must have exactly these columns. */
    public static List<CsvRecord> readWithHeader(Path file, List<String> header) throws IOException {
        List<CsvRecord> all = read(file);
        if (all.isEmpty()) {
            throw new AnnotationFormatException(file, 0, "file is empty; expected the header " + String.join(",", header));
        }
        CsvRecord h = all.get(0);
        List<String> got = h.fields().stream().map(String::trim).toList();
        if (!got.equals(header)) {
            throw h.error("expected the header " + String.join(",", header) + ", got " + String.join(",", got));
        }
        List<CsvRecord> rows = all.subList(1, all.size());
        for (CsvRecord r : rows) {
            if (r.size() != header.size()) {
                throw r.error("expected " + header.size() + " columns (" + String.join(",", header) + "), got " + r.size());
            }
        }
        return rows;
    }

    public static String quote(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }

    public static String line(List<String> fields) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(quote(fields.get(i)));
        }
        return sb.append('\n').toString();
    }

    /** Shortest decimal that reads back to the same double. */
    public static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v).replace("E", "e");
    }
}
