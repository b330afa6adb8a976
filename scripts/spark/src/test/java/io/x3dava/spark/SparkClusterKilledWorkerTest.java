package io.x3dava.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.x3dava.launcher.X3dAva;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * detect-ava on the standalone cluster of scripts/spark-cluster (2 workers x 1 core, loopback): one worker is killed
 * (SIGKILL; its executor follows it) while its executor runs a task, after it has finished one. Spark runs the
 * lost tasks again on the other executor: the job ends with exactly the rows of the local run; detect-video likewise
 * ends with one whole folder per video. About a minute each on two cores (two executor JVMs start libtorch): tagged
 * slow.
 */
@Tag("slow")
class SparkClusterKilledWorkerTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent().getParent();

    @Test
    void aWorkerKilledMidJobLosesNoRowAndDoublesNone(@TempDir Path dir) throws Exception {
        // 13 frames of 128 pixels: a task (one keyframe) takes a good part of a second on one core
        TinyAva ava = TinyAva.write(dir, 3, 16, 128, 13);
        Path local = dir.resolve("local.csv");
        Path cluster = dir.resolve("cluster.csv");
        String[] common = {"detect-ava", "--ava", ava.root().toString(), "--checkpoint", ava.checkpoint().toString(),
            "--batch", "1"};
        assertEquals(0, X3dAva.run(concat(common, "--detections", local.toString(), "--workers", "2")));
        // one keyframe per task: 48 tasks, so that the job outlives the first tasks by a good margin
        runKillingAWorker(dir.resolve("cluster"), master -> concat(common, "--detections", cluster.toString(),
                "--master", master, "--task-keyframes", "1"));
        List<String> a = Files.readAllLines(local);
        List<String> b = Files.readAllLines(cluster);
        assertEquals(3 * 16 * 2 * 4, a.size(), "3 videos x 16 keyframes x 2 boxes x 4 classes");
        assertEquals(a.size(), b.size(), "no row lost or doubled");
        for (int i = 0; i < a.size(); i++) {
            String[] x = a.get(i).split(",");
            String[] y = b.get(i).split(",");
            for (int c = 0; c < 7; c++) {
                assertEquals(x[c], y[c], "row " + i);
            }
            assertEquals(Double.parseDouble(x[7]), Double.parseDouble(y[7]), 1e-6, "score of row " + i);
        }
    }

    /**
     * detect-video over a folder of six copies of the fixture video (one task per video) on the same cluster, one
     * worker killed mid-task: every video has exactly one folder, whole (its rows equal the other copies'), and no
     * attempt folder is left behind.
     */
    @Test
    void aWorkerKilledMidVideoLeavesEachVideoOnceAndWhole(@TempDir Path dir) throws Exception {
        Path video = Path.of(System.getProperty("x3dava.fixtures", "../shared/fixtures"), "video", "vtest.avi");
        assumeTrue(Files.isRegularFile(video), "fixture " + video + " absent: skipped");
        TinyAva ava = TinyAva.write(dir, 1, 2);
        Path videos = Files.createDirectories(dir.resolve("videos"));
        List<String> ids = List.of("v1", "v2", "v3", "v4", "v5", "v6");
        for (String id : ids) {
            Files.createSymbolicLink(videos.resolve(id + ".avi"), video.toAbsolutePath());
        }
        Path out = dir.resolve("out");
        runKillingAWorker(dir.resolve("cluster"), master -> new String[] {"detect-video", videos.toString(),
            "--checkpoint", ava.checkpoint().toString(), "--rate", "2", "--duration", "6", "--out", out.toString(),
            "--master", master});
        try (Stream<Path> s = Files.list(out)) {
            assertEquals(Stream.concat(Stream.of(".detect-video.lock"), ids.stream()).toList(),
                    s.map(p -> p.getFileName().toString()).sorted().toList(), "one folder per video, nothing else");
        }
        for (String id : ids.subList(1, ids.size())) {
            VideoOutputsCompare.assertSame(out.resolve(ids.get(0)), out.resolve(id), false);
        }
    }

    /**
     * Starts the cluster (2 workers x 1 core) in {@code state}, runs the command line that {@code command} makes of
     * the master URL, kills a worker mid-job and requires the job to finish (exit 0); stops the cluster.
     */
    private static void runKillingAWorker(Path state, java.util.function.Function<String, String[]> command)
            throws Exception {
        script(state, "start", "--workers", "2", "--cores", "1");
        try {
            String master = Files.readString(state.resolve("master-url")).trim();
            TaskProbe.reset();
            System.setProperty("spark.extraListeners", TaskProbe.class.getName());
            CompletableFuture<Integer> job = CompletableFuture.supplyAsync(() -> X3dAva.run(command.apply(master)));
            killBusyWorker(state, job);
            assertEquals(0, job.get(300, TimeUnit.SECONDS), "the job finishes on the surviving worker");
        } finally {
            System.clearProperty("spark.extraListeners");
            script(state, "stop");
        }
    }

    /**
     * Waits until an executor runs a task after some task has ended, then kills (SIGKILL) the worker that started it;
     * the job must still be running then.
     */
    private static void killBusyWorker(Path state, CompletableFuture<Integer> job) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        int worker = 0;
        while (worker == 0) {
            assertTrue(System.nanoTime() < deadline, "no executor ran a task within 180 s");
            assertTrue(!job.isDone(), "the job ended before the worker was killed");
            Thread.sleep(200);
            worker = busyWorker(state);
        }
        assertTrue(!job.isDone(), "the job is still running when the worker is killed");
        long pid = Long.parseLong(Files.readString(state.resolve("worker-" + worker + ".pid")).trim());
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        System.out.println("killed worker " + worker + " at " + java.time.Instant.now());
    }

    /** The worker of an executor that runs a task after some task has ended, or 0. */
    private static int busyWorker(Path state) throws IOException {
        String id = TaskProbe.busyExecutor();
        if (id == null) {
            return 0;
        }
        for (int w = 1; w <= 2; w++) {
            try (Stream<Path> apps = Files.list(state.resolve("worker-" + w))) {
                // a worker runs executor N of an application in app-ID/N
                if (apps.anyMatch(app -> Files.isDirectory(app.resolve(id)))) {
                    return w;
                }
            }
        }
        return 0;
    }

    private static void script(Path state, String... args) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(concat(new String[] {ROOT.resolve("scripts/spark-cluster").toString()},
                args)).inheritIO();
        pb.environment().put("X3DAVA_SPARK_CLUSTER", state.toString());
        // the build that runs this test has just compiled the module
        pb.environment().put("X3DAVA_NO_BUILD_CHECK", "1");
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "spark-cluster " + args[0] + " within 120 s");
        assertEquals(0, p.exitValue(), "spark-cluster " + args[0]);
    }

    private static String[] concat(String[] a, String... b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }
}
