package io.x3dava.annotations.command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Tells bad input from bugs and words bad input as one line. Bad input is an {@link IOException} (unreadable or
 * malformed files: the project's format exceptions already say {@code file:line: expected ...}) or an
 * {@link IllegalArgumentException} (a bad option value or file content found after parsing).
 */
public final class UserErrors {
    private UserErrors() {
    }

    /** The exception that matters: wrappers from executors and unchecked I/O are opened. */
    public static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof UncheckedIOException || t instanceof CompletionException
                || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** Whether {@code e} (after {@link #unwrap}) is the user's input rather than a bug. */
    public static boolean isBadInput(Throwable e) {
        Throwable t = unwrap(e);
        return t instanceof IOException || t instanceof IllegalArgumentException;
    }

    /** One line for the user: file and reason for file-system errors, the message otherwise. */
    public static String message(Throwable e) {
        Throwable t = unwrap(e);
        if (t instanceof NoSuchFileException n) {
            return n.getFile() + ": no such file or directory";
        }
        if (t instanceof AccessDeniedException a) {
            return a.getFile() + ": permission denied";
        }
        if (t instanceof NotDirectoryException n) {
            return n.getFile() + ": not a directory";
        }
        if (t instanceof DirectoryNotEmptyException d) {
            return d.getFile() + ": directory not empty";
        }
        if (t instanceof FileAlreadyExistsException f) {
            return f.getFile() + ": already exists";
        }
        if (t instanceof FileSystemException f && f.getReason() != null) {
            return f.getFile() + ": " + f.getReason();
        }
        if (t instanceof java.nio.charset.CharacterCodingException) {
            // the readers that know the file name say it; this is the fallback for the others
            return "an input file is not UTF-8 text (" + t.getMessage() + ")";
        }
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            return t.getClass().getSimpleName();
        }
        return m.replace('\n', ' ');
    }
}
