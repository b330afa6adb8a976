package io.x3dava.backbone.x3d;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/** Locates ../shared/fixtures/x3d, or skips the calling test with a visible message. */
final class X3DFixtures {

    private X3DFixtures() {
    }

    static Path file(String name) {
        String root = System.getProperty("x3dava.fixtures", "../../shared/fixtures");
        Path f = Path.of(root, "x3d", name);
        Assumptions.assumeTrue(Files.isRegularFile(f),
                "SKIPPED: PySlowFast X3D reference fixture " + f + " is absent (../shared/fixtures/x3d)");
        return f;
    }
}
