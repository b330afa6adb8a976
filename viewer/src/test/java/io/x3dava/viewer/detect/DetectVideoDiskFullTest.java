package io.x3dava.viewer.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * detect-video on a 400 KiB tmpfs (mounted here when the tests run as root; skipped otherwise): the MP4 fills the disk,
 * the message names the file, and what fitted stays valid: whole CSV rows, tracks.json and run.json that parse
 * (run.json saying "failed"), no temporary file left.
 */
class DetectVideoDiskFullTest {
    @TempDir
    static Path tmp;
    static Path video;
    static Path disk;
    static boolean mounted;

    @BeforeAll
    static void mount() throws Exception {
        video = Path.of(System.getProperty("x3dava.fixtures", "../../shared/fixtures"), "video", "vtest.avi");
        disk = Files.createDirectories(tmp.resolve("small-disk"));
        if (!Files.isRegularFile(video) || !"root".equals(System.getProperty("user.name"))) {
            System.err.println("SKIPPED: the full-disk test needs root (to mount a tmpfs) and " + video);
            return;
        }
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=400k", "tmpfs", disk.toString())
                .redirectErrorStream(true).start();
        mounted = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        if (!mounted) {
            System.err.println("SKIPPED: cannot mount a tmpfs here: " + new String(p.getInputStream().readAllBytes()));
        }
    }

    @AfterAll
    static void unmount() throws Exception {
        if (mounted) {
            new ProcessBuilder("umount", disk.toString()).start().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aFullDiskKeepsWhatFittedValidAndNamesTheFile() throws Exception {
        assumeTrue(mounted, "a small tmpfs (root)");
        DetectVideoCommandTest.Run r = DetectVideoCommandTest.run(video.toString(), "--rate", "2", "--duration", "8",
                "--out", disk.toString());
        // the MP4 fills the disk; the run goes on, and ends failed (exit 2) if a later file has no room either
        assertTrue(r.code() == 0 || r.code() == 2, r.out() + r.err());
        Path dir = disk.resolve("vtest");
        assertTrue(r.err().contains(dir.resolve("annotated.mp4") + ": MP4 encoding failed")
                && r.err().contains("No space left on device"), r.err());
        JsonNode run = RunChecks.check(dir, false);
        assertEquals(r.code() == 0 ? "finished" : "failed", run.get("status").asText());
        assertTrue(run.get("reason").asText().contains("No space left on device"), run.toString());
        assertTrue(RunChecks.decodedFrames(dir.resolve("annotated.mp4")) > 0, "the fragments that fitted play");
    }
}
