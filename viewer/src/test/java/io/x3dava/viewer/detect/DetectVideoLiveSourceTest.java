package io.x3dava.viewer.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * detect-video on live sources served by ffmpeg on 127.0.0.1: a UDP stream joined between two key frames is waited
 * for, a sender that dies ends the run with a "stream dropped" line, exit 0 and valid outputs, an HTTP source dropped
 * mid-stream says so, and a UDP port with no sender fails after --stream-timeout instead of hanging.
 */
class DetectVideoLiveSourceTest {
    @TempDir
    static Path tmp;
    static Path video;
    static Path checkpoint;
    static boolean ready;

    @BeforeAll
    static void fixtures() throws Exception {
        video = Path.of(System.getProperty("x3dava.fixtures", "../../shared/fixtures"), "video", "vtest.avi");
        ready = Files.isRegularFile(video) && LiveSender.ffmpegPresent();
        if (!ready) {
            System.err.println("SKIPPED: live-source tests need ffmpeg and " + video);
            return;
        }
        checkpoint = DetectVideoCommandTest.tinyCheckpoint(tmp.resolve("ckpt/epoch_0001"));
    }

    @Test
    void udpJoinedBetweenKeyFramesThenTheSenderDies() throws Exception {
        assumeTrue(ready, "ffmpeg and the video fixture");
        Path out = tmp.resolve("udp");
        DetectVideoCommandTest.Run r;
        String id;
        // a key frame every 4 s: 1.5 s after the start the receiver joins between two of them
        try (LiveSender udp = LiveSender.udp(video, 40)) {
            Thread.sleep(1500);
            id = udp.url().substring("udp://".length()).replace(':', '_');
            CompletableFuture<DetectVideoCommandTest.Run> run = CompletableFuture.supplyAsync(() ->
                    DetectVideoCommandTest.run(udp.url(), "--checkpoint", checkpoint.toString(), "--rate", "1",
                            "--stream-timeout", "6", "--out", out.toString()));
            Thread.sleep(9000);
            udp.close(); // the source dies mid-stream
            r = run.get(90, TimeUnit.SECONDS);
        }
        System.out.println(r.out());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("waiting up to 6 s for data and the first key frame"), r.err());
        assertTrue(r.out().contains("stream dropped at ") && r.out().contains("no data for 6 s"), r.out());
        Path dir = out.resolve(id);
        JsonNode run = RunChecks.check(dir, true);
        assertEquals("dropped", run.get("status").asText());
        assertTrue(run.get("frames").asLong() >= 10, "frames read before the drop: " + run);
        assertTrue(run.get("actionRows").asLong() > 0, "actions scored: " + run);
    }

    /** With --reconnect a sender that dies and comes back is a gap: logged, listed in run.json, and the run goes on. */
    @Test
    void reconnectBridgesASenderRestartWithAMarkedGap() throws Exception {
        assumeTrue(ready, "ffmpeg and the video fixture");
        Path out = tmp.resolve("reconnect");
        DetectVideoCommandTest.Run r;
        LiveSender first = LiveSender.udp(video, 10);
        String url = first.url();
        int port = Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
        Thread.sleep(5000); // ffmpeg and x264 start up on a busy machine
        CompletableFuture<DetectVideoCommandTest.Run> run = CompletableFuture.supplyAsync(() ->
                DetectVideoCommandTest.run(url, "--reconnect", "--stream-timeout", "4", "--duration", "24", "--rate",
                        "1", "--no-video", "--out", out.toString()));
        Thread.sleep(8000);
        first.close();
        Thread.sleep(7000); // longer than the timeout: the receiver has noticed
        try (LiveSender second = LiveSender.udp(video, 10, port)) {
            r = run.get(120, TimeUnit.SECONDS);
        }
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("reconnecting (--reconnect)") && r.err().contains("reconnected; gap of"), r.err());
        JsonNode status = RunChecks.check(out.resolve(url.substring("udp://".length()).replace(':', '_')), false);
        assertEquals("finished", status.get("status").asText());
        JsonNode gaps = status.get("gaps");
        assertTrue(gaps.size() >= 1, status.toString());
        JsonNode gap = gaps.get(gaps.size() - 1);
        assertTrue(gap.get("toSeconds").asDouble() - gap.get("fromSeconds").asDouble() >= 4, "gap at least the"
                + " timeout: " + gap);
        assertTrue(status.get("videoSeconds").asDouble() > gap.get("toSeconds").asDouble() + 2,
                "frames read after the gap: " + status);
    }

    @Test
    void httpSourceDroppedMidStreamSaysSo() throws Exception {
        assumeTrue(ready, "ffmpeg and the video fixture");
        Path out = tmp.resolve("http");
        DetectVideoCommandTest.Run r;
        try (LiveSender http = LiveSender.http(video, 10)) {
            Thread.sleep(500);
            CompletableFuture<DetectVideoCommandTest.Run> run = CompletableFuture.supplyAsync(() ->
                    DetectVideoCommandTest.run(http.url(), "--rate", "1", "--no-video", "--out", out.toString()));
            Thread.sleep(6000);
            http.close();
            r = run.get(90, TimeUnit.SECONDS);
        }
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("stream dropped at ") && r.out().contains("the source ended"), r.out());
        Path dir;
        try (var s = Files.list(out)) {
            dir = s.filter(p -> p.getFileName().toString().endsWith("_live")).findFirst().orElseThrow();
        }
        assertTrue(dir.getFileName().toString().startsWith("127.0.0.1_"), "host_port_path id: " + dir);
        JsonNode run = RunChecks.check(dir, false);
        assertEquals("dropped", run.get("status").asText());
        assertTrue(run.get("frames").asLong() > 0);
    }

    @Test
    void silentUdpPortFailsAfterTheTimeoutInsteadOfHanging() throws Exception {
        assumeTrue(ready, "ffmpeg and the video fixture");
        int port;
        try (java.net.DatagramSocket s = new java.net.DatagramSocket(0)) {
            port = s.getLocalPort();
        }
        long t0 = System.nanoTime();
        DetectVideoCommandTest.Run r = CompletableFuture.supplyAsync(() -> DetectVideoCommandTest.run(
                "udp://127.0.0.1:" + port, "--stream-timeout", "2", "--out", tmp.resolve("silent").toString()))
                .get(60, TimeUnit.SECONDS);
        double s = (System.nanoTime() - t0) / 1e9;
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("no data within 2 s (--stream-timeout)"), r.err());
        assertTrue(s < 30, "ended after " + s + " s");
        assertTrue(!Files.exists(tmp.resolve("silent")), "no folder for a source that never opened");
    }
}
