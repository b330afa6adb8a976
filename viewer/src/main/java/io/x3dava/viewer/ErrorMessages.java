package io.x3dava.viewer;

import io.x3dava.annotations.AnnotationFormatException;

import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** One readable sentence for a failure shown to the user: names the file (and line), never a stack trace. */
public final class ErrorMessages {
    private ErrorMessages() {}

    public static String of(Throwable e) {
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof AnnotationFormatException) {
            return e.getMessage(); // already "file:line: what was expected"
        }
        if (e instanceof NoSuchFileException n) {
            return n.getFile() + ": file not found";
        }
        if (e instanceof AccessDeniedException a) {
            return a.getFile() + ": permission denied";
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
