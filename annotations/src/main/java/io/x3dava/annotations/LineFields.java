package io.x3dava.annotations;

import java.nio.file.Path;

/**
 * Splits one line of a simple (unquoted) comma- or space-separated file into fields without regex or allocation
 * of intermediate arrays per call, and parses them with errors that name file, line and column.
 * Used for the large files (AVA detections reach millions of rows).
 */
public final class LineFields {
    private final Path file;
    private final char separator;
    private final int[] starts;
    private final int[] ends;
    private String line;
    private int lineNumber;
    private int count;

    public LineFields(Path file, char separator, int maxFields) {
        this.file = file;
        this.separator = separator;
        this.starts = new int[maxFields + 1];
        this.ends = new int[maxFields + 1];
    }

    /** Splits {@code text}; returns the number of fields (capped at maxFields + 1 to detect extra columns). */
    public int split(String text, int number) {
        this.line = text;
        this.lineNumber = number;
        int n = 0;
        int start = 0;
        int len = text.length();
        // a trailing '\r' (CRLF files) is not part of the last field
        if (len > 0 && text.charAt(len - 1) == '\r') {
            len--;
        }
        while (n < starts.length) {
            int end = text.indexOf(separator, start);
            if (end < 0 || end > len) {
                end = len;
            }
            starts[n] = start;
            ends[n] = end;
            n++;
            if (end >= len) {
                break;
            }
            start = end + 1;
        }
        count = n;
        return n;
    }

    public int count() {
        return count;
    }

    public int lineNumber() {
        return lineNumber;
    }

    public String text(int i) {
        return line.substring(starts[i], ends[i]).trim();
    }

    public boolean isEmpty(int i) {
        return text(i).isEmpty();
    }

    public AnnotationFormatException error(String message) {
        return new AnnotationFormatException(file, lineNumber, message);
    }

    public double parseDouble(int i, String what) throws AnnotationFormatException {
        String s = text(i);
        try {
            double v = Double.parseDouble(s);
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                throw error("column " + (i + 1) + " (" + what + "): expected a finite number, got '" + s + "'");
            }
            return v;
        } catch (NumberFormatException e) {
            throw error("column " + (i + 1) + " (" + what + "): expected a number, got '" + s + "'");
        }
    }

    public int parseInt(int i, String what) throws AnnotationFormatException {
        String s = text(i);
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw error("column " + (i + 1) + " (" + what + "): expected an integer, got '" + s + "'");
        }
    }

    /** An integer written as "0902", "902" or an integral float "902.0". */
    public int parseIntegral(int i, String what) throws AnnotationFormatException {
        String s = text(i);
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            try {
                double d = Double.parseDouble(s);
                if (d == Math.rint(d) && Math.abs(d) < Integer.MAX_VALUE) {
                    return (int) d;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw error("column " + (i + 1) + " (" + what + "): expected an integer, got '" + s + "'");
        }
    }
}
