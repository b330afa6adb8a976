package io.x3dava.backbone.synthetic;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The output folder of a data generator: new or empty, or the user said --force (existing files are replaced). */
public final class OutputFolder {

    private OutputFolder() {
    }

    /** Fails unless {@code dir} is absent or empty, or {@code force}; never for a file in the way. */
    public static void requireEmpty(Path dir, boolean force) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + ": expected an output folder, found a file");
        }
        boolean empty;
        try (Stream<Path> s = Files.list(dir)) {
            empty = s.findAny().isEmpty();
        }
        if (!empty && !force) {
            throw new IOException(dir + ": expected an empty or new folder, it holds files; use --force to overwrite "
                    + "them");
        }
    }

    /** Deletes {@code dir} and everything below it (a generated subfolder that --force replaces). */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
