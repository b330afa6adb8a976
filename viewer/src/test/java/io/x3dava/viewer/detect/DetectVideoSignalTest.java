package io.x3dava.viewer.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ctrl-C and SIGTERM sent to detect-video running in its own JVM, mid-file and mid-stream: it finishes the frame in
 * hand, closes every output (all valid, the MP4 playing every frame done), says what it wrote and why, and exits 130 /
 * 143; the next run into the same folder moves that run aside and deletes the temporary files of a run that died.
 */
class DetectVideoSignalTest {
    private static final Pattern FRAMES = Pattern.compile("(\\d+)(/\\d+)? frames, ");

    @TempDir
    static Path tmp;
    static Path video;
    static boolean ready;

    @BeforeAll
    static void fixtures() {
        video = Path.of(System.getProperty("x3dava.fixtures", "../../shared/fixtures"), "video", "vtest.avi");
        ready = Files.isRegularFile(video) && LiveSender.ffmpegPresent();
        if (!ready) {
            System.err.println("SKIPPED: signal tests need ffmpeg and " + video);
        }
    }

    /** A detect-video JVM whose stderr is followed for the progress line. */
    private static final class Child {
        final Process process;
        final StringBuilder out = new StringBuilder();
        final StringBuilder err = new StringBuilder();
        volatile long frames;

        Child(String... args) throws IOException {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                    DetectVideoMain.class.getName()));
            cmd.addAll(List.of(args));
            process = new ProcessBuilder(cmd).start();
            follow(process.getInputStream(), out, false);
            follow(process.getErrorStream(), err, true);
        }

        private void follow(InputStream in, StringBuilder into, boolean progress) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[4096];
                int n;
                try {
                    while ((n = in.read(buf)) > 0) {
                        String s = new String(buf, 0, n, StandardCharsets.UTF_8);
                        synchronized (into) {
                            into.append(s);
                        }
                        Matcher m = FRAMES.matcher(s);
                        while (progress && m.find()) {
                            frames = Math.max(frames, Long.parseLong(m.group(1)));
                        }
                    }
                } catch (IOException ignored) {
                    // the process ended
                }
            });
            t.setDaemon(true);
            t.start();
        }

        void awaitFrames(long n) throws InterruptedException {
            long end = System.nanoTime() + 90_000_000_000L;
            while (frames < n && process.isAlive() && System.nanoTime() < end) {
                Thread.sleep(100);
            }
            assertTrue(frames >= n, "progress reached " + frames + " frames; stderr: " + err);
        }

        int signal(String name) throws Exception {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start();
            assertEquals(0, kill.waitFor());
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "ended after SIG" + name);
            Thread.sleep(200); // the readers drain the last lines
            return process.exitValue();
        }
    }

    @Test
    void sigintMidFileThenSigtermMidStreamIntoTheSameFolder() throws Exception {
        assumeTrue(ready, "ffmpeg and the video fixture");
        Path out = tmp.resolve("out");
        Child first = new Child(video.toString(), "--rate", "2", "--id", "cam", "--out", out.toString());
        first.awaitFrames(12);
        int code = first.signal("INT");
        assertEquals(130, code, first.err.toString());
        assertTrue(first.err.toString().contains("SIGINT received: finishing the current frame"), first.err.toString());
        assertTrue(first.out.toString().contains("stopped by SIGINT after "), first.out.toString());
        Path dir = out.resolve("cam");
        JsonNode firstRun = RunChecks.check(dir, true);
        assertEquals("stopped", firstRun.get("status").asText());
        assertEquals("SIGINT", firstRun.get("reason").asText());
        long frames = firstRun.get("frames").asLong();
        assertTrue(frames >= 12 && frames < 795, "stopped mid-file: " + frames);
        // a run that died left a temporary file; the next run removes it and moves this run aside
        Path stale = dir.resolve(".tracks.json.999999999-1.tmp");
        Files.writeString(stale, "{\"half");

        try (LiveSender udp = LiveSender.udp(video, 10)) {
            Child second = new Child(udp.url(), "--rate", "2", "--id", "cam", "--out", out.toString());
            second.awaitFrames(8);
            assertEquals(143, second.signal("TERM"), second.err.toString());
            assertTrue(second.out.toString().contains("stopped by SIGTERM after "), second.out.toString());
            assertTrue(second.out.toString().contains("moved the earlier run's files to "), second.out.toString());
        }
        JsonNode secondRun = RunChecks.check(dir, true);
        assertEquals("stopped", secondRun.get("status").asText());
        assertTrue(secondRun.get("source").asText().startsWith("udp://"), "the folder holds the second run only");
        Path aside;
        try (var s = Files.list(out)) {
            aside = s.filter(p -> p.getFileName().toString().startsWith("cam.previous-")).findFirst().orElseThrow();
        }
        JsonNode moved = RunChecks.check(aside, true);
        assertEquals(video.toString(), moved.get("source").asText());
        assertEquals(frames, moved.get("frames").asLong());
        assertFalse(Files.exists(aside.resolve(stale.getFileName())), "the dead run's temporary file was deleted");
    }
}
