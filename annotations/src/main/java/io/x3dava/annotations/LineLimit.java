package io.x3dava.annotations;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The longest line (or field) any text reader of the project accepts: annotation files have short lines, and a file
 * of one huge line (a binary file, a CSV without newlines) must end in one clear message, not in a heap the size of
 * the line.
 */
public final class LineLimit {
    /** 1 MiB: a thousand times the longest line of any real annotation file. */
    public static final int MAX_BYTES = 1 << 20;

    private LineLimit() {
    }

    /** The error for a line over the limit at {@code line} of {@code file}. */
    public static AnnotationFormatException tooLong(Path file, int line, String expected) {
        return new AnnotationFormatException(file, line, "line longer than " + MAX_BYTES + " bytes (1 MiB); expected "
                + expected);
    }

    /** Throws {@link #tooLong} at the first line of {@code bytes} longer than the limit. */
    public static void check(Path file, byte[] bytes, String expected) throws AnnotationFormatException {
        int line = 1;
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                if (i - start > MAX_BYTES) {
                    throw tooLong(file, line, expected);
                }
                line++;
                start = i + 1;
            }
        }
    }

    /** The file's bytes after {@link #check}. */
    public static byte[] read(Path file, String expected) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        check(file, bytes, expected);
        return bytes;
    }

    /** The file as UTF-8 text after {@link #check}; bytes that are not UTF-8 are an error naming the file. */
    public static String readString(Path file, String expected) throws IOException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(read(file, expected)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new AnnotationFormatException(file, 0, "expected UTF-8 text, got bytes that are not UTF-8 (a Latin-1"
                    + " or binary file?)");
        }
    }
}
