package io.x3dava.annotations;

import java.nio.file.Path;
import java.util.List;

/** One record of an RFC 4180 CSV file with the physical line it starts on (quoted fields may span lines). */
public record CsvRecord(Path file, int line, List<String> fields) {
    public CsvRecord {
        fields = List.copyOf(fields);
    }

    public String get(int i) {
        return fields.get(i);
    }

    public int size() {
        return fields.size();
    }

    public AnnotationFormatException error(String message) {
        return new AnnotationFormatException(file, line, message);
    }

    public double parseDouble(int i, String what) throws AnnotationFormatException {
        String s = fields.get(i).trim();
        try {
            double v = Double.parseDouble(s);
            if (!Double.isFinite(v)) {
                throw error(what + ": expected a finite number, got '" + s + "'");
            }
            return v;
        } catch (NumberFormatException e) {
            throw error(what + ": expected a number, got '" + s + "'");
        }
    }

    public int parseInt(int i, String what) throws AnnotationFormatException {
        String s = fields.get(i).trim();
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw error(what + ": expected an integer, got '" + s + "'");
        }
    }
}
