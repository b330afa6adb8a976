package io.x3dava.annotations;

import java.io.IOException;
import java.nio.file.Path;

/** A malformed annotation file: names the file, the 1-based line (0 = the whole file) and what was expected. */
public class AnnotationFormatException extends IOException {
    private static final long serialVersionUID = 1L;
    private final Path file;
    private final int line;

    public AnnotationFormatException(Path file, int line, String message) {
        super(file + (line > 0 ? ":" + line : "") + ": " + message); // line 0: the file as a whole
        this.file = file;
        this.line = line;
    }

    public Path file() {
        return file;
    }

    public int line() {
        return line;
    }
}
