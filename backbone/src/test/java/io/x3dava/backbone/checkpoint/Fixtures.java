package io.x3dava.backbone.checkpoint;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/** The reference files of /work/shared/fixtures/x3d (system property x3dava.fixtures, else the shared path). */
final class Fixtures {
    private static final Path FALLBACK = Path.of("/work/shared/fixtures");

    private Fixtures() {
    }

    /** The fixture file, or the test is skipped with a visible reason. */
    static Path x3d(String name) {
        String prop = System.getProperty("x3dava.fixtures");
        Path p = prop == null ? null : Path.of(prop, "x3d", name);
        if (p == null || !Files.isRegularFile(p)) {
            p = FALLBACK.resolve("x3d").resolve(name);
        }
        Assumptions.assumeTrue(Files.isRegularFile(p), "fixture missing: " + p);
        return p;
    }
}
