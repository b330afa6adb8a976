package io.x3dava.detector.video;

import com.fasterxml.jackson.databind.JsonNode;

import io.x3dava.annotations.AtomicFiles;
import io.x3dava.annotations.json.Json;
import io.x3dava.backbone.synthetic.OutputFolder;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The output folder of one detect-video run, never a mix of two runs: an earlier run's files are moved aside to a
 * sibling folder ({@code <id>.previous-<UTC time>}) before anything is written, the hidden temporary files of runs that
 * died are deleted, and a folder still being written by a live process is refused. {@value #STATUS} says what the
 * folder holds at every moment: {@code running} (with the writer's pid) while the run goes on, then
 * {@code finished}, {@code stopped}, {@code dropped} or {@code failed} with the reason and the counts.
 */
public final class RunFolder {
    public static final String STATUS = "run.json";
    /** In a folder published by a cluster task: the id of its job (see {@link #publish}). */
    public static final String JOB = ".detect-video-job";
    private static final String ATTEMPT_INFIX = ".attempt-";
    /** run.json's size (JSON with trailing spaces): room for the final status in place of the first one. */
    static final int RESERVED = 4 << 10;
    /** Temporary files of {@code AtomicFiles.tempSibling}: {@code .<name>.<pid>-<nanos><suffix>}. */
    private static final Pattern TEMP = Pattern.compile("^\\..+\\.(\\d{1,18})-\\d+\\.tmp.*$");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    /** What run.json says. */
    public record Status(String source, String video, String status, String reason, long pid, String started,
                         String updated, long frames, double videoSeconds, long predictions, long actionRows,
                         List<String> files, List<StreamGap> gaps) {
    }

    private final Path dir;
    private final String source;
    private final String video;
    private final String started = Instant.now().toString();

    private RunFolder(Path dir, String source, String video) {
        this.dir = dir;
        this.source = source;
        this.video = video;
    }

    /**
     * Makes {@code dir} a fresh, empty folder for this run (the earlier run moved aside, reported on {@code log}) and
     * writes run.json with status {@code running}.
     */
    public static RunFolder prepare(Path dir, String source, String video, PrintStream log) throws IOException {
        Path abs = dir.toAbsolutePath().normalize();
        clear(dir, abs, log);
        Files.createDirectories(abs);
        RunFolder f = new RunFolder(dir, source, video);
        f.write("running", null, 0, 0, 0, 0, List.of(), List.of());
        return f;
    }

    public Path dir() {
        return dir;
    }

    /**
     * A fresh hidden folder beside {@code dir} for one attempt of a cluster task of job {@code job}: the run writes
     * there, and {@link #publish} puts it in place when it ends, so that {@code dir} never holds a half-written
     * attempt next to a retry's.
     */
    public static Path attemptDir(Path dir, String job) {
        Path abs = dir.toAbsolutePath().normalize();
        return abs.resolveSibling("." + abs.getFileName() + ATTEMPT_INFIX + job + "-"
                + UUID.randomUUID().toString().substring(0, 8));
    }

    /**
     * Puts a finished attempt folder (from {@link #attemptDir}) in place as {@code dir}, atomically: a folder there
     * from an earlier attempt of the same job (its executor died after publishing) is replaced, never kept twice; an
     * earlier run's folder is moved aside as {@link #prepare} does.
     */
    public static void publish(Path attempt, Path dir, String job, PrintStream log) throws IOException {
        AtomicFiles.writeString(attempt.resolve(JOB), job + "\n");
        Path abs = dir.toAbsolutePath().normalize();
        if (Files.isDirectory(abs) && job.equals(jobOf(abs))) {
            Path old = abs.resolveSibling("." + abs.getFileName() + ATTEMPT_INFIX + job + "-replaced-"
                    + UUID.randomUUID().toString().substring(0, 8));
            Files.move(abs, old, StandardCopyOption.ATOMIC_MOVE);
            OutputFolder.deleteTree(old);
        } else {
            clear(dir, abs, log);
            if (Files.isDirectory(abs)) {
                Files.delete(abs); // left empty: the attempt takes its name
            }
        }
        Files.move(attempt, abs, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Deletes the attempt folders in {@code out} that no task will publish: those of a job stopped or killed before
     * its tasks ended, and, once a job has its results, those of its attempts whose executor was lost. Only for a
     * caller that holds {@code out}'s job lock: no other job runs there then.
     */
    public static void deleteDeadAttempts(Path out, PrintStream log) throws IOException {
        if (!Files.isDirectory(out)) {
            return;
        }
        try (Stream<Path> s = Files.list(out)) {
            for (Path p : s.toList()) {
                String name = p.getFileName().toString();
                if (name.startsWith(".") && name.contains(ATTEMPT_INFIX) && Files.isDirectory(p,
                        java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    OutputFolder.deleteTree(p);
                    log.println(p + ": deleted (an attempt whose executor was lost, or whose job was stopped)");
                }
            }
        }
    }

    /** Whether {@code dir}'s run.json says its run finished (the video read to its end, or to --duration). */
    public static boolean finished(Path dir) {
        Path status = dir.resolve(STATUS);
        if (!Files.isRegularFile(status)) {
            return false;
        }
        try {
            return "finished".equals(Json.mapper().readTree(status.toFile()).path("status").asText());
        } catch (IOException e) {
            return false; // unreadable: not known to be finished, so it runs again
        }
    }

    /** The job that published {@code dir}, or null for a folder written by a run in one process. */
    static String jobOf(Path dir) {
        Path marker = dir.resolve(JOB);
        try {
            return Files.isRegularFile(marker) ? Files.readString(marker, StandardCharsets.UTF_8).trim() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Makes room for a run in {@code abs}: refused while a live process writes it, dead temporaries deleted, an earlier
     * run's files moved aside; leaves {@code abs} absent or empty.
     */
    private static void clear(Path dir, Path abs, PrintStream log) throws IOException {
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            throw new IOException(dir + ": exists and is not a folder; expected an output folder (--out)");
        }
        if (Files.isDirectory(abs)) {
            Optional<Long> writer = liveWriter(abs);
            if (writer.isPresent()) {
                throw new IOException(dir + ": being written by a detect-video still running (process "
                        + writer.get() + "); give another --out or --id");
            }
            deleteDeadTemporaries(abs, log);
            if (!isEmpty(abs)) {
                Path aside = abs.resolveSibling(abs.getFileName() + ".previous-" + STAMP.format(Instant.now()));
                for (int i = 2; Files.exists(aside); i++) {
                    aside = abs.resolveSibling(abs.getFileName() + ".previous-" + STAMP.format(Instant.now()) + "-" + i);
                }
                Files.move(abs, aside);
                log.println(dir + ": moved the earlier run's files to " + aside);
            }
        }
    }

    /**
     * Replaces run.json atomically (it is the one file a later run trusts). The file is padded with spaces to
     * {@link #RESERVED} bytes, so that on a full disk, where the atomic replacement has no room, the final status
     * still fits over the old one in place.
     */
    public void write(String status, String reason, long frames, double videoSeconds, long predictions,
                      long actionRows, List<String> files, List<StreamGap> gaps) throws IOException {
        String json = Json.toString(new Status(source, video, status, reason, ProcessHandle.current().pid(), started,
                Instant.now().toString(), frames, Math.max(0, videoSeconds), predictions, actionRows, files, gaps));
        byte[] text = json.getBytes(StandardCharsets.UTF_8);
        byte[] padded = text.length >= RESERVED ? text : Arrays.copyOf(text, RESERVED);
        Arrays.fill(padded, text.length, padded.length, (byte) ' ');
        Path target = dir.resolve(STATUS);
        try {
            AtomicFiles.write(target, out -> out.write(padded));
        } catch (IOException e) {
            if (!Files.isRegularFile(target) || Files.size(target) < padded.length) {
                throw e;
            }
            try (FileChannel c = FileChannel.open(target, StandardOpenOption.WRITE)) {
                ByteBuffer b = ByteBuffer.wrap(padded);
                while (b.hasRemaining()) {
                    c.write(b, b.position());
                }
            }
        }
    }

    /** The pid in run.json when its status is running and that process is alive (and not this one). */
    private static Optional<Long> liveWriter(Path dir) {
        Path status = dir.resolve(STATUS);
        if (!Files.isRegularFile(status)) {
            return Optional.empty();
        }
        try {
            JsonNode n = Json.mapper().readTree(status.toFile());
            long pid = n.path("pid").asLong(-1);
            if ("running".equals(n.path("status").asText()) && pid > 0 && pid != ProcessHandle.current().pid()
                    && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                return Optional.of(pid);
            }
        } catch (IOException e) {
            // an unreadable status file is an earlier run's leftover: moved aside with the rest
        }
        return Optional.empty();
    }

    private static void deleteDeadTemporaries(Path dir, PrintStream log) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                Matcher m = TEMP.matcher(p.getFileName().toString());
                if (m.matches() && Files.isRegularFile(p)) {
                    long pid = Long.parseLong(m.group(1));
                    if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                        Files.deleteIfExists(p);
                        log.println(p + ": deleted (temporary file of a run that died)");
                    }
                }
            }
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }
}
