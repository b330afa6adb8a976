package io.x3dava.annotations.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks a command's output paths before any work starts, so that a long run does not end by failing to write its
 * result (a folder given where a file goes, a file in the way of a folder, a parent that is a file).
 */
public final class OutputPaths {

    private OutputPaths() {
    }

    /** {@code file} can be written: it is not a folder and its nearest existing ancestor is a folder. */
    public static void requireFile(Path file) throws IOException {
        if (file == null) {
            return;
        }
        if (Files.isDirectory(file)) {
            throw new IOException(file + ": expected an output file, found a folder");
        }
        requireCreatableParent(file);
    }

    /** {@code dir} is a folder or can be created as one. */
    public static void requireFolder(Path dir) throws IOException {
        if (dir == null) {
            return;
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IOException(dir + ": expected an output folder, found a file");
        }
        requireCreatableParent(dir);
    }

    private static void requireCreatableParent(Path p) throws IOException {
        for (Path a = p.toAbsolutePath().getParent(); a != null; a = a.getParent()) {
            if (Files.exists(a)) {
                if (!Files.isDirectory(a)) {
                    throw new IOException(p + ": cannot be created, " + a + " is a file");
                }
                return;
            }
        }
    }
}
