package io.x3dava.annotations;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes files so that a reader never sees a partial one: the content goes to a temporary file in the same
 * directory, which is then renamed over the target (atomic on POSIX file systems).
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Receives the stream to write; the file appears only if it returns normally. */
    @FunctionalInterface
    public interface StreamWriter {
        void write(OutputStream out) throws IOException;
    }

    /** Receives a text writer; the file appears only if it returns normally. */
    @FunctionalInterface
    public interface TextWriter {
        void write(BufferedWriter out) throws IOException;
    }

    /**
     * An empty temporary file beside {@code target} (same folder, so the final move is atomic), created with the
     * user's umask: not Files.createTempFile, whose files are 0600 and stay so after the move.
     */
    public static Path tempSibling(Path target, String suffix) throws IOException {
        Path abs = target.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        return Files.createFile(abs.getParent().resolve("." + abs.getFileName() + "." + ProcessHandle.current().pid()
                + "-" + System.nanoTime() + suffix));
    }

    public static void write(Path target, StreamWriter body) throws IOException {
        Path tmp = tempSibling(target, ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                body.write(out);
            }
            replace(tmp, target);
        } catch (IOException e) {
            throw naming(target, e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * {@code e} with the file named: a failed write (a full disk) says only "No space left on device"; the user needs
     * to know which file. File-system exceptions that name their file, and the project's format errors, stay as they
     * are.
     */
    public static IOException naming(Path target, IOException e) {
        if (e instanceof FileSystemException f && f.getFile() != null || e instanceof AnnotationFormatException
                || e.getMessage() != null && e.getMessage().contains(target.getFileName().toString())) {
            return e;
        }
        return new IOException(target + ": " + (e.getMessage() == null ? e.getClass().getSimpleName()
                : e.getMessage()), e);
    }

    /**
     * Moves a finished temporary file (from {@link #tempSibling}) over {@code target}: atomically where the file system
     * can, so a reader sees the old file or the new one, never half of one.
     */
    public static void replace(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target.toAbsolutePath(), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target.toAbsolutePath(), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    public static void writeText(Path target, TextWriter body) throws IOException {
        write(target, out -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            body.write(w);
            w.flush();
        });
    }

    public static void writeString(Path target, String text) throws IOException {
        writeText(target, w -> w.write(text));
    }
}
