package io.x3dava.backbone.train;

import java.nio.file.Path;

/** A second process for {@link RunFolderTest}: takes a run folder, says so, and holds it until stdin closes. */
public final class LockHolder {

    private LockHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (RunFolder f = RunFolder.lock(Path.of(args[0]))) {
            System.out.println("locked");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the lock until the test closes our stdin
            }
        }
    }
}
