package io.x3dava.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.x3dava.launcher.X3dAva;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * detect-video --master local[2] on a folder (two copies of the fixture video and a text file named .mp4): each good
 * video's folder holds what the local run writes, the bad one is counted as failed as locally, and a second run with
 * --skip-finished leaves the finished folders alone.
 */
class SparkDetectVideoTest {

    record Run(int code, String out, String err) {
    }

    @Test
    void localTwoWritesEachVideosFolderAsTheLocalRun(@TempDir Path dir) throws Exception {
        Path video = Path.of(System.getProperty("x3dava.fixtures", "../shared/fixtures"), "video", "vtest.avi");
        assumeTrue(Files.isRegularFile(video), "fixture " + video + " absent: skipped");
        TinyAva ava = TinyAva.write(dir, 1, 2);
        Path videos = Files.createDirectories(dir.resolve("videos"));
        Files.createSymbolicLink(videos.resolve("a.avi"), video.toAbsolutePath());
        Files.createSymbolicLink(videos.resolve("b.avi"), video.toAbsolutePath());
        Files.writeString(videos.resolve("c_text.mp4"), "not a video\n");
        String[] common = {"detect-video", videos.toString(), "--checkpoint", ava.checkpoint().toString(), "--rate",
            "2", "--duration", "2"};
        Path local = dir.resolve("local");
        Path spark = dir.resolve("spark");
        Run l = run(concat(common, "--out", local.toString()));
        Run s = run(concat(common, "--out", spark.toString(), "--master", "local[2]"));
        for (Run r : List.of(l, s)) {
            assertEquals(1, r.code(), r.out() + r.err());
            assertTrue(r.out().contains("3 videos: 2 done, 1 failed (c_text.mp4)"), r.out());
            assertEquals(1, r.err().lines().filter(x -> x.startsWith("detect-video: ") && x.contains("c_text.mp4")
                    && x.endsWith("(skipped)")).count(), r.err());
        }
        assertTrue(s.out().contains("view: scripts/x3d-ava view " + videos.resolve("a.avi") + " -d "
                + spark.resolve("a").resolve("actions_keyframes.csv")), s.out());
        assertTrue(s.out().contains("wrote " + spark.toAbsolutePath().normalize().resolve("b") + "/{annotated.mp4, "),
                "the task's lines name the published folder, not its attempt folder: " + s.out());
        for (String id : List.of("a", "b")) {
            int rows = VideoOutputsCompare.assertSame(local.resolve(id), spark.resolve(id), true);
            assertTrue(rows > 0, "action rows");
            assertTrue(Files.size(spark.resolve(id).resolve("annotated.mp4")) > 10_000, "the executor wrote the MP4");
        }
        assertFalse(Files.exists(spark.resolve("c_text")), "no folder for a video that cannot be read");
        assertEquals(List.of(".detect-video.lock", "a", "b"), names(spark), "no attempt folder left");

        FileTime before = Files.getLastModifiedTime(spark.resolve("a").resolve("actions.csv"));
        Run again = run(concat(common, "--out", spark.toString(), "--master", "local[2]", "--skip-finished"));
        assertEquals(1, again.code(), again.out() + again.err());
        assertTrue(again.out().contains("a: finished by an earlier run"), again.out());
        assertTrue(again.out().contains("3 videos: 0 done, 1 failed (c_text.mp4), 2 skipped (finished before)"),
                again.out());
        assertEquals(before, Files.getLastModifiedTime(spark.resolve("a").resolve("actions.csv")));
        assertEquals(List.of(".detect-video.lock", "a", "b"), names(spark), "nothing moved aside");
    }

    @Test
    void aStreamIsNotSpreadOverACluster() throws Exception {
        Run r = run("detect-video", "udp://127.0.0.1:23999", "--master", "local[2]");
        assertEquals(2, r.code());
        assertEquals("detect-video: --master: udp://127.0.0.1:23999 is a stream or camera, which runs in this"
                + " process; a cluster takes a folder or a list file of videos", r.err().strip());
    }

    static Run run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = X3dAva.run(args);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        Run r = new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        System.out.print(r.out());
        System.err.print(r.err());
        return r;
    }

    static List<String> names(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    static String[] concat(String[] a, String... b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }
}
