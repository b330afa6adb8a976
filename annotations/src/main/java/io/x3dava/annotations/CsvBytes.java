package io.x3dava.annotations;

import java.io.Closeable;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a large CSV file record by record as bytes, with the field rules of Python's {@code csv.reader} (excel dialect,
 * what the official AVA evaluator uses): {@code "v1",0902} gives {@code v1}, doubled quotes inside quotes are one quote,
 * quoted fields may hold commas and newlines, a quote inside an unquoted field is kept. On top of Python: a UTF-8 byte
 * order mark at the start is skipped (Python keeps it as part of the first field), CRLF line ends are accepted, blank
 * lines are skipped, NUL bytes and text fields that are not UTF-8 (a Latin-1 or binary file) are errors naming file and
 * line.
 *
 * <p>Fields are parsed in place (no String per field, no regex), numbers with an exact fast path, so that files of
 * millions of rows read at memory speed in a small heap. The file is read through a fixed buffer, not mapped, so that its
 * pages do not count in the process's resident memory.
 */
public final class CsvBytes implements Closeable {
    /** A record that fills it without its newline is longer than the limit. */
    private static final int BUFFER = LineLimit.MAX_BYTES + 1;
    private static final double[] POW10 = new double[23];

    static {
        double p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p; // exact: 10^22 is the largest power of ten a double holds exactly
            p *= 10;
        }
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /**
     * High bit set in the bytes of {@code w} that are a newline, comma, quote or NUL; the lowest one is exact (the
     * zero-byte trick can only flag extra bytes above a real match, and the caller takes the lowest).
     */
    private static long special(long w) {
        return zero(w ^ ('\n' * ONES)) | zero(w ^ (',' * ONES)) | zero(w ^ ('"' * ONES)) | zero(w);
    }

    private static long zero(long x) {
        return (x - ONES) & ~x & HIGHS;
    }

    private final Path file;
    private final FileChannel channel;
    private byte[] buf = new byte[BUFFER];
    private int pos;
    private int limit;
    private boolean eof;
    private boolean started;
    private int nextLine = 1;
    private int line;

    private final int maxFields;
    private final byte[][] src;
    private final int[] start;
    private final int[] end;
    private int count;
    private byte[] scratch = new byte[256];

    private CsvBytes(Path file, FileChannel channel, int maxFields) {
        this.file = file;
        this.channel = channel;
        this.maxFields = maxFields;
        this.src = new byte[maxFields + 1][];
        this.start = new int[maxFields + 1];
        this.end = new int[maxFields + 1];
    }

    /**
     * Opens {@code file}; records with more than {@code maxFields} fields report {@code maxFields + 1} from
     * {@link #count()} (the extra ones are not kept).
     */
    public static CsvBytes open(Path file, int maxFields) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new AnnotationFormatException(file, 0, Files.isDirectory(file)
                    ? "is a directory; expected a CSV file" : "file not found (expected a CSV file)");
        }
        return new CsvBytes(file, FileChannel.open(file, StandardOpenOption.READ), maxFields);
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** Reads more bytes after the unread part; false at end of file. Keeps {@code buf[pos..limit)}. */
    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        if (limit == buf.length) {
            // the record in hand fills the whole buffer: more than LineLimit.MAX_BYTES, not a CSV line
            throw LineLimit.tooLong(file, line == 0 ? nextLine : line, "one CSV record per line");
        }
        int n = channel.read(ByteBuffer.wrap(buf, limit, buf.length - limit));
        if (n < 0) {
            eof = true;
            return false;
        }
        limit += n;
        if (!started && limit >= 3) {
            started = true;
            if ((buf[0] & 0xff) == 0xEF && (buf[1] & 0xff) == 0xBB && (buf[2] & 0xff) == 0xBF) {
                pos = 3; // UTF-8 byte order mark (Excel, Notepad)
            }
        }
        return true;
    }

    /**
     * Advances to the next non-blank record; false at end of file. Afterwards {@link #count()} and the field accessors
     * describe it.
     */
    public boolean next() throws IOException {
        while (true) {
            if (pos >= limit && !fill()) {
                if (!started) {
                    started = true;
                }
                return false;
            }
            line = nextLine;
            // fast path: an unquoted record, split in the buffer; offsets relative to pos until the record is complete
            int rel = 0;
            int n = 0;
            boolean quoted = false;
            start[0] = 0;
            while (true) {
                int i = pos + rel;
                if (i + 8 <= limit) {
                    // eight bytes at a time: skip to the first newline, comma, quote or NUL
                    long m = special((long) LONGS.get(buf, i));
                    if (m == 0) {
                        rel += 8;
                        continue;
                    }
                    int k = Long.numberOfTrailingZeros(m) >>> 3;
                    rel += k;
                    i += k;
                } else if (i >= limit) {
                    if (!fill()) {
                        break; // last record without a newline
                    }
                    continue;
                }
                byte b = buf[i];
                if (b == '\n') {
                    break;
                } else if (b == ',') {
                    if (n < maxFields) {
                        end[n] = rel;
                        start[n + 1] = rel + 1;
                    }
                    n++;
                } else if (b == '"') {
                    quoted = true;
                    break;
                } else if (b == 0) {
                    throw error("found a NUL byte; expected a text CSV file (is it binary?)");
                }
                rel++;
            }
            if (quoted) {
                readQuotedRecord();
            } else {
                int last = Math.min(n, maxFields);
                int e = rel;
                if (e > start[last] && buf[pos + e - 1] == '\r') {
                    e--;
                }
                end[last] = e;
                for (int k = 0; k <= last; k++) {
                    start[k] += pos;
                    end[k] += pos;
                    src[k] = buf;
                }
                count = last + 1;
                pos = Math.min(pos + rel + 1, limit);
                nextLine++;
            }
            if (count == 1 && isBlank(0)) {
                continue;
            }
            return true;
        }
    }

    /** Python csv's state machine over one record that holds a quote; fields are copied to a scratch array. */
    private void readQuotedRecord() throws IOException {
        int out = 0;
        int n = 0;
        int fieldStart = 0;
        // 0 start of field, 1 in unquoted field, 2 in quoted field, 3 quote seen in quoted field
        int state = 0;
        int quoteLine = line;
        while (true) {
            if (pos >= limit && !fill()) {
                if (state == 2) {
                    throw new AnnotationFormatException(file, quoteLine,
                            "unterminated quoted field; expected a closing \" before the end of the file");
                }
                break;
            }
            byte b = buf[pos++];
            if (b == 0) {
                throw error("found a NUL byte; expected a text CSV file (is it binary?)");
            }
            if (state == 2) {
                if (b == '"') {
                    state = 3;
                } else {
                    if (b == '\n') {
                        nextLine++;
                    }
                    out = put(out, b);
                }
                continue;
            }
            if (b == '\n') {
                break;
            }
            if (b == '\r' && (pos < limit || fill()) && buf[pos] == '\n') {
                continue;
            }
            if (b == ',') {
                n = endField(n, fieldStart, out);
                fieldStart = out;
                state = 0;
            } else if (b == '"' && state == 0) {
                state = 2;
                quoteLine = nextLine;
            } else if (b == '"' && state == 3) {
                out = put(out, b); // doubled quote
                state = 2;
            } else {
                out = put(out, b);
                state = 1; // also after a closing quote: Python (strict=False) keeps the characters
            }
        }
        n = endField(n, fieldStart, out);
        count = Math.min(n, maxFields + 1);
        for (int k = 0; k < Math.min(count, maxFields + 1); k++) {
            src[k] = scratch;
        }
        nextLine++;
    }

    private int put(int out, byte b) throws AnnotationFormatException {
        if (out >= LineLimit.MAX_BYTES) {
            // a quoted field may span lines, but a record this long is not a CSV record
            throw LineLimit.tooLong(file, line, "one CSV record per line (a quoted field closed on its line)");
        }
        if (out == scratch.length) {
            byte[] bigger = new byte[scratch.length * 2];
            System.arraycopy(scratch, 0, bigger, 0, out);
            scratch = bigger;
        }
        scratch[out] = b;
        return out + 1;
    }

    private int endField(int n, int from, int to) {
        if (n <= maxFields) {
            start[n] = from;
            end[n] = to;
        }
        return n + 1;
    }

    /** Fields of the current record (maxFields + 1 when there are more than maxFields). */
    public int count() {
        return count;
    }

    /** The line the current record starts on (1-based). */
    public int lineNumber() {
        return line;
    }

    public AnnotationFormatException error(String message) {
        return new AnnotationFormatException(file, line, message);
    }

    private static boolean space(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == 0x0B || b == '\f';
    }

    private int trimmedStart(int i) {
        int s = start[i];
        int e = end[i];
        byte[] a = src[i];
        while (s < e && space(a[s])) {
            s++;
        }
        return s;
    }

    private int trimmedEnd(int i) {
        int s = start[i];
        int e = end[i];
        byte[] a = src[i];
        while (e > s && space(a[e - 1])) {
            e--;
        }
        return e;
    }

    public boolean isEmpty(int i) {
        return isBlank(i);
    }

    public boolean isBlank(int i) {
        return trimmedStart(i) >= trimmedEnd(i);
    }

    /** Field {@code i}, trimmed, as UTF-8 text; a field that is not valid UTF-8 is an error naming the line. */
    public String text(int i) throws AnnotationFormatException {
        int s = trimmedStart(i);
        int e = Math.max(s, trimmedEnd(i));
        byte[] a = src[i];
        boolean ascii = true;
        for (int k = s; k < e && ascii; k++) {
            ascii = a[k] >= 0;
        }
        if (ascii) {
            return new String(a, s, e - s, StandardCharsets.ISO_8859_1);
        }
        try {
            CharBuffer c = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(a, s, e - s));
            return c.toString();
        } catch (CharacterCodingException ex) {
            throw error("column " + (i + 1) + ": expected UTF-8 text, got bytes that are not UTF-8 (a Latin-1 or binary file?)");
        }
    }

    /** The field as shown in error messages (invalid UTF-8 replaced, long fields cut). */
    private String shown(int i) {
        int s = trimmedStart(i);
        int e = Math.max(s, trimmedEnd(i));
        String t = new String(src[i], s, Math.min(e - s, 40), StandardCharsets.UTF_8);
        return e - s > 40 ? t + "..." : t;
    }

    /** True when field {@code i} (trimmed) holds exactly the bytes {@code b[0..len)}. */
    public boolean fieldEquals(int i, byte[] b, int len) {
        int s = trimmedStart(i);
        int e = trimmedEnd(i);
        if (e - s != len) {
            return false;
        }
        byte[] a = src[i];
        for (int k = 0; k < len; k++) {
            if (a[s + k] != b[k]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Packs fields {@code from..to} (trimmed, each preceded by its length) into {@code dst}, so that a later record can
     * be compared with {@link #fieldsEqual}; returns the packed length, or -1 when it does not fit (or a field is longer
     * than 127 bytes).
     */
    public int packFields(int from, int to, byte[] dst) {
        int n = 0;
        for (int i = from; i <= to; i++) {
            int s = trimmedStart(i);
            int len = Math.max(0, trimmedEnd(i) - s);
            if (len > 127 || n + 1 + len > dst.length) {
                return -1;
            }
            dst[n++] = (byte) len;
            System.arraycopy(src[i], s, dst, n, len);
            n += len;
        }
        return n;
    }

    /** True when fields {@code from..to} pack to exactly {@code packed[0..len)} (see {@link #packFields}). */
    public boolean fieldsEqual(int from, int to, byte[] packed, int len) {
        int n = 0;
        for (int i = from; i <= to; i++) {
            int s = trimmedStart(i);
            int flen = Math.max(0, trimmedEnd(i) - s);
            if (n >= len || packed[n] != flen || n + 1 + flen > len) {
                return false;
            }
            n++;
            byte[] a = src[i];
            for (int k = 0; k < flen; k++) {
                if (a[s + k] != packed[n + k]) {
                    return false;
                }
            }
            n += flen;
        }
        return n == len;
    }

    /** A hash of field {@code i}'s trimmed bytes (for interning without building a String). */
    public int fieldHash(int i) {
        int s = trimmedStart(i);
        int e = trimmedEnd(i);
        byte[] a = src[i];
        int h = 1;
        for (int k = s; k < e; k++) {
            h = 31 * h + a[k];
        }
        return h;
    }

    /** Copies field {@code i}'s trimmed bytes. */
    public byte[] fieldBytes(int i) {
        int s = trimmedStart(i);
        int e = Math.max(s, trimmedEnd(i));
        byte[] out = new byte[e - s];
        System.arraycopy(src[i], s, out, 0, e - s);
        return out;
    }

    /**
     * A finite number as Python's float() reads it. Plain decimals of up to 15 significant digits take an exact fast
     * path (the digits and the power of ten are both exact doubles, so one division or multiplication rounds
     * correctly); anything else goes through {@link Double#parseDouble}.
     */
    public double parseDouble(int i, String what) throws AnnotationFormatException {
        int s = trimmedStart(i);
        int e = trimmedEnd(i);
        byte[] a = src[i];
        int k = s;
        boolean negative = false;
        if (k < e && (a[k] == '-' || a[k] == '+')) {
            negative = a[k] == '-';
            k++;
        }
        long mantissa = 0;
        int digits = 0;
        int scale = 0;
        boolean any = false;
        while (k < e && a[k] >= '0' && a[k] <= '9') {
            if (mantissa != 0 || a[k] != '0') {
                digits++;
            }
            mantissa = mantissa * 10 + (a[k] - '0');
            any = true;
            k++;
            if (digits > 15) {
                return slowDouble(i, what);
            }
        }
        if (k < e && a[k] == '.') {
            k++;
            while (k < e && a[k] >= '0' && a[k] <= '9') {
                if (mantissa != 0 || a[k] != '0') {
                    digits++;
                }
                mantissa = mantissa * 10 + (a[k] - '0');
                scale++;
                any = true;
                k++;
                if (digits > 15 || scale > 22) {
                    return slowDouble(i, what);
                }
            }
        }
        if (k != e || !any) {
            return slowDouble(i, what); // exponent, inf/nan, or not a number: the general parser decides
        }
        double v = scale == 0 ? (double) mantissa : (double) mantissa / POW10[scale];
        return negative ? -v : v;
    }

    private double slowDouble(int i, String what) throws AnnotationFormatException {
        String t = shown(i);
        String x = text(i);
        for (int k = 0; k < x.length(); k++) {
            if ("0123456789+-.eE".indexOf(x.charAt(k)) < 0 && !x.equalsIgnoreCase("nan") && !x.equalsIgnoreCase("inf")
                    && !x.equalsIgnoreCase("-inf") && !x.equalsIgnoreCase("+inf")) {
                // Java would also read "1d", "0x1p3" or "Infinity", which Python's float() rejects
                throw error("column " + (i + 1) + " (" + what + "): expected a number, got '" + t + "'");
            }
        }
        if (x.equalsIgnoreCase("nan") || x.toLowerCase(java.util.Locale.ROOT).endsWith("inf")) {
            throw error("column " + (i + 1) + " (" + what + "): expected a finite number, got '" + t + "'");
        }
        try {
            double v = Double.parseDouble(x);
            if (!Double.isFinite(v)) {
                throw error("column " + (i + 1) + " (" + what + "): expected a finite number, got '" + t + "'");
            }
            return v;
        } catch (NumberFormatException ex) {
            throw error("column " + (i + 1) + " (" + what + "): expected a number, got '" + t + "'");
        }
    }

    /** A decimal integer (int() of Python: optional sign, digits, surrounding spaces). */
    public int parseInt(int i, String what) throws AnnotationFormatException {
        int s = trimmedStart(i);
        int e = trimmedEnd(i);
        byte[] a = src[i];
        int k = s;
        boolean negative = false;
        if (k < e && (a[k] == '-' || a[k] == '+')) {
            negative = a[k] == '-';
            k++;
        }
        if (k >= e || e - k > 10) {
            throw error("column " + (i + 1) + " (" + what + "): expected an integer, got '" + shown(i) + "'");
        }
        long v = 0;
        for (; k < e; k++) {
            if (a[k] < '0' || a[k] > '9') {
                throw error("column " + (i + 1) + " (" + what + "): expected an integer, got '" + shown(i) + "'");
            }
            v = v * 10 + (a[k] - '0');
        }
        v = negative ? -v : v;
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw error("column " + (i + 1) + " (" + what + "): expected an integer, got '" + shown(i) + "'");
        }
        return (int) v;
    }

    /** An integer written as "0902", "902" or an integral float "902.0". */
    public int parseIntegral(int i, String what) throws AnnotationFormatException {
        try {
            return parseInt(i, what);
        } catch (AnnotationFormatException e) {
            double d;
            try {
                d = parseDouble(i, what);
            } catch (AnnotationFormatException e2) {
                throw e;
            }
            if (d == Math.rint(d) && Math.abs(d) < Integer.MAX_VALUE) {
                return (int) d;
            }
            throw e;
        }
    }
}
