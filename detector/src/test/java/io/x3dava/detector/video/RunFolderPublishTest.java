package io.x3dava.detector.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster task's folder reaches its place exactly once: a retry of the same job replaces what an earlier attempt
 * published, another run's folder is moved aside, and attempts no task will publish are deleted.
 */
class RunFolderPublishTest {
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logged, true, StandardCharsets.UTF_8);

    @Test
    void aRetryOfTheSameJobReplacesTheEarlierAttemptsFolder(@TempDir Path out) throws IOException {
        Path dir = out.resolve("clip");
        Path first = attempt(dir, "job1", "rows of the first attempt\n");
        RunFolder.publish(first, dir, "job1", log);
        Path retry = attempt(dir, "job1", "rows of the retry\n");
        RunFolder.publish(retry, dir, "job1", log);
        assertEquals("rows of the retry\n", Files.readString(dir.resolve("actions.csv")));
        assertEquals(List.of("clip"), names(out), "one folder, no copy aside and no attempt left");
    }

    @Test
    void anotherRunsFolderIsMovedAsideNotReplaced(@TempDir Path out) throws IOException {
        Path dir = out.resolve("clip");
        Path earlier = attempt(dir, "job1", "rows of yesterday's job\n");
        RunFolder.publish(earlier, dir, "job1", log);
        Path today = attempt(dir, "job2", "rows of today's job\n");
        RunFolder.publish(today, dir, "job2", log);
        assertEquals("rows of today's job\n", Files.readString(dir.resolve("actions.csv")));
        List<String> names = names(out);
        assertEquals(2, names.size(), names.toString());
        Path aside = out.resolve(names.get(1));
        assertTrue(names.get(1).startsWith("clip.previous-"), names.toString());
        assertEquals("rows of yesterday's job\n", Files.readString(aside.resolve("actions.csv")));
        assertTrue(logged.toString(StandardCharsets.UTF_8).contains("moved the earlier run's files to " + aside));
    }

    @Test
    void deadAttemptsAreDeletedAndNothingElse(@TempDir Path out) throws IOException {
        Path dir = out.resolve("clip");
        RunFolder.publish(attempt(dir, "job1", "kept\n"), dir, "job1", log);
        Path lost = attempt(dir, "job1", "half of a lost attempt\n");
        Path other = attempt(out.resolve("other"), "job0", "a stopped job's attempt\n");
        Files.createDirectories(out.resolve("clip.previous-20261208-000000"));
        Files.writeString(out.resolve(".hidden-note"), "not an attempt");
        RunFolder.deleteDeadAttempts(out, log);
        assertFalse(Files.exists(lost));
        assertFalse(Files.exists(other));
        assertEquals(List.of(".hidden-note", "clip", "clip.previous-20261208-000000"), names(out));
        assertEquals("kept\n", Files.readString(dir.resolve("actions.csv")));
    }

    @Test
    void finishedOnlyWhenRunJsonSaysSo(@TempDir Path out) throws IOException {
        Path dir = Files.createDirectories(out.resolve("clip"));
        assertFalse(RunFolder.finished(dir), "no run.json");
        Files.writeString(dir.resolve(RunFolder.STATUS), "{\"status\": \"running\", \"pid\": 1}");
        assertFalse(RunFolder.finished(dir));
        Files.writeString(dir.resolve(RunFolder.STATUS), "{\"status\": \"stopped\"}");
        assertFalse(RunFolder.finished(dir));
        Files.writeString(dir.resolve(RunFolder.STATUS), "{\"status\": ");
        assertFalse(RunFolder.finished(dir), "cut JSON");
        Files.writeString(dir.resolve(RunFolder.STATUS), "{\"status\": \"finished\"}   ");
        assertTrue(RunFolder.finished(dir));
    }

    /** An attempt folder of {@code dir} as a task leaves it: its files written, not yet published. */
    private static Path attempt(Path dir, String job, String rows) throws IOException {
        Path a = RunFolder.attemptDir(dir, job);
        Files.createDirectories(a);
        Files.writeString(a.resolve("actions.csv"), rows);
        Files.writeString(a.resolve(RunFolder.STATUS), "{\"status\": \"finished\"}");
        return a;
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
