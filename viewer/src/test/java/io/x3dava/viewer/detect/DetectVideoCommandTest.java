package io.x3dava.viewer.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDManager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.x3dava.annotations.AtomicFiles;
import io.x3dava.annotations.ava.AvaCsv;
import io.x3dava.annotations.ava.AvaDetectionRow;
import io.x3dava.annotations.command.CommandLines;
import io.x3dava.backbone.checkpoint.Checkpoints;
import io.x3dava.backbone.x3d.X3DPresets;
import io.x3dava.backbone.x3d.X3DStateDict;
import io.x3dava.detector.model.AvaDetector;
import io.x3dava.detector.model.DetectorConfig;
import io.x3dava.viewer.Palette;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** detect-video end to end on the first seconds of the real pedestrian video (../shared/fixtures/video/vtest.avi). */
class DetectVideoCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static Path video;
    static Path checkpoint;

    @BeforeAll
    static void fixtures() throws Exception {
        String root = System.getProperty("x3dava.fixtures", "../../shared/fixtures");
        video = Path.of(root, "video", "vtest.avi");
        if (!Files.isRegularFile(video)) {
            System.err.println("SKIPPED: real video fixture " + video + " is absent (../shared/fixtures/video)");
        }
        checkpoint = tinyCheckpoint(tmp.resolve("ckpt/epoch_0001"));
    }

    /**
     * A detector checkpoint in train-ava's layout (config.json + model.safetensors): X3D-XS at 4 frames, 64 px, five
     * classes, PySlowFast's initialisation (untrained: the scores are plumbing, not meaning).
     */
    static Path tinyCheckpoint(Path dir) throws Exception {
        DetectorConfig cfg = DetectorConfig.paper(X3DPresets.get("XS").withNumClasses(5).withClip(4, 4, 64), 5)
                .withCrops(64, 64);
        try (NDManager m = NDManager.newBaseManager()) {
            AvaDetector d = AvaDetector.create(cfg, m, 3);
            Files.createDirectories(dir);
            Checkpoints.writeSafetensors(dir.resolve("model.safetensors"), X3DStateDict.export(d.referenceParameters()));
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("task", "ava");
        doc.put("detector", cfg);
        AtomicFiles.writeString(dir.resolve("config.json"), JSON.writeValueAsString(doc));
        return dir;
    }

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        DetectVideoCommand cmd = new DetectVideoCommand();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        cmd.stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
        cmd.stderr = new PrintStream(err, true, StandardCharsets.UTF_8);
        var cl = CommandLines.of(cmd);
        cl.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));
        int code = cl.execute(args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void actionsTracksAndAnnotatedVideoOnRealFootage() throws Exception {
        assumeTrue(Files.isRegularFile(video));
        Path out = tmp.resolve("with-actions");
        Run r = run(video.toString(), "--checkpoint", checkpoint.toString(), "--rate", "2", "--duration", "2.5",
                "--threshold", "0", "--out", out.toString());
        System.out.println(r.out());
        assertEquals(0, r.code(), r.err());
        Path dir = out.resolve("vtest");
        assertTrue(r.out().contains("view: scripts/x3d-ava view " + video + " -d " + dir.resolve("actions_keyframes.csv")),
                r.out());
        assertTrue(r.err().contains("frames/s") && r.err().contains("ETA"), "progress bar on stderr: " + r.err());

        JsonNode tracks = JSON.readTree(dir.resolve("tracks.json").toFile());
        assertEquals("vtest", tracks.get("video").asText());
        assertEquals(10.0, tracks.get("fps").asDouble());
        assertEquals(2.0, tracks.get("rate").asDouble());
        Set<Double> times = new HashSet<>();
        Set<Integer> ids = new HashSet<>();
        int boxes = 0;
        for (JsonNode t : tracks.get("tracks")) {
            assertTrue(ids.add(t.get("id").asInt()), "ids unique");
            for (JsonNode b : t.get("boxes")) {
                times.add(b.get("t").asDouble());
                assertTrue(b.get("x1").asDouble() >= 0 && b.get("x2").asDouble() <= 1 && b.get("x1").asDouble() < b.get("x2").asDouble());
                boxes++;
            }
        }
        assertTrue(Set.of(0.0, 0.5, 1.0, 1.5, 2.0).containsAll(times) && times.size() >= 4, "2 Hz: " + times);
        assertTrue(boxes >= 4, "people found in the first 2.5 s: " + boxes);

        // actions.csv: every person box at every prediction time, once per class (5), seconds from the start
        List<String> actions = Files.readAllLines(dir.resolve("actions.csv"));
        assertEquals(boxes * 5, actions.size());
        for (String line : actions) {
            String[] f = line.split(",");
            assertEquals(8, f.length, line);
            assertEquals("vtest", f[0]);
            assertTrue(times.contains(Double.parseDouble(f[1])), line);
            double score = Double.parseDouble(f[7]);
            assertTrue(score > 0 && score < 1, line);
        }
        List<String> trackActions = Files.readAllLines(dir.resolve("track_actions.csv"));
        assertEquals("seconds,track_id,action_id,score", trackActions.get(0));
        assertEquals(actions.size(), trackActions.size() - 1);
        for (int i = 0; i < actions.size(); i++) {
            String[] a = actions.get(i).split(",");
            String[] t = trackActions.get(i + 1).split(",");
            assertEquals(a[1], t[0]);
            assertEquals(a[6], t[2]);
            assertEquals(a[7], t[3]);
            assertTrue(ids.contains(Integer.parseInt(t[1])));
        }
        // the whole-second rows are official AVA rows: the project's strict reader takes them
        List<AvaDetectionRow> keyframes = AvaCsv.readDetections(dir.resolve("actions_keyframes.csv"));
        assertFalse(keyframes.isEmpty());
        assertTrue(keyframes.stream().allMatch(k -> k.keyframe().timestamp() <= 2));

        // annotated.mp4: every frame of [0, 2.5) s, with the boxes of tracks.json drawn in their track colours
        checkDrawnBoxes(dir.resolve("annotated.mp4"), tracks, 25, 10);
    }

    @Test
    void withoutCheckpointFindsAndTracksPeopleAndSaysActionsNeedADetector() throws Exception {
        assumeTrue(Files.isRegularFile(video));
        Path out = tmp.resolve("people-only");
        Run r = run(video.toString(), "--rate", "2", "--duration", "1.5", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("actions need a trained AVA detector"), r.out());
        Path dir = out.resolve("vtest");
        assertEquals(0, Files.size(dir.resolve("actions.csv")));
        JsonNode tracks = JSON.readTree(dir.resolve("tracks.json").toFile());
        assertTrue(tracks.get("tracks").size() >= 1);
        checkDrawnBoxes(dir.resolve("annotated.mp4"), tracks, 15, 10);
    }

    /** A folder of videos, one of them cut off mid-file (a damaged download): both processed, nothing fatal. */
    @Test
    void folderWithATruncatedVideo() throws Exception {
        assumeTrue(Files.isRegularFile(video));
        Path folder = Files.createDirectories(tmp.resolve("folder"));
        Files.createSymbolicLink(folder.resolve("a_full.avi"), video.toAbsolutePath());
        byte[] bytes = Files.readAllBytes(video);
        Files.write(folder.resolve("b_cut.avi"), java.util.Arrays.copyOf(bytes, bytes.length / 40));
        Path out = tmp.resolve("folder-out");
        Run r = run(folder.toString(), "--rate", "1", "--duration", "1.5", "--no-video", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        for (String id : List.of("a_full", "b_cut")) {
            JsonNode tracks = JSON.readTree(out.resolve(id).resolve("tracks.json").toFile());
            assertEquals(id, tracks.get("video").asText());
            assertTrue(tracks.get("tracks").size() >= 1, id + ": people found");
            assertFalse(Files.exists(out.resolve(id).resolve("annotated.mp4")), "--no-video");
        }
        assertTrue(r.out().contains("b_cut: "), r.out());
    }

    /**
     * A folder with an empty file, a text file named .mp4 and a video cut before its index between two good videos:
     * each video on its own, every bad one said in one line, a summary, exit 1, and the good ones complete.
     */
    @Test
    void folderWithBadFilesBetweenGoodOnesGoesOnAndCountsThem() throws Exception {
        assumeTrue(Files.isRegularFile(video));
        Path folder = Files.createDirectories(tmp.resolve("mixed"));
        Path good = folder.resolve("a_good.mp4");
        Process p = new ProcessBuilder("ffmpeg", "-nostdin", "-loglevel", "error", "-i", video.toString(), "-t", "1",
                "-vf", "scale=384:288", "-c:v", "mpeg4", good.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assumeTrue(p.waitFor() == 0, "ffmpeg writes the test clip");
        Files.write(folder.resolve("b_empty.mp4"), new byte[0]);
        Files.writeString(folder.resolve("c_text.mp4"), "not a video\n");
        byte[] bytes = Files.readAllBytes(good);
        // MP4 keeps its index (moov) at the end: cut in the middle, nothing can be read
        Files.write(folder.resolve("d_cut.mp4"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Files.copy(good, folder.resolve("e_good.mp4"));
        Path out = tmp.resolve("mixed-out");
        Run r = run(folder.toString(), "--rate", "2", "--out", out.toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.out().contains("5 videos: 2 done, 3 failed (b_empty.mp4, c_text.mp4, d_cut.mp4)"), r.out());
        List<String> skipped = r.err().lines().filter(l -> l.startsWith("detect-video: ")).toList();
        assertEquals(3, skipped.size(), r.err());
        assertTrue(skipped.get(0).contains("b_empty.mp4: empty file (0 bytes)") && skipped.get(0).endsWith("(skipped)"),
                skipped.get(0));
        assertTrue(skipped.get(1).contains("c_text.mp4: cannot open as a video"), skipped.get(1));
        assertTrue(skipped.get(2).contains("d_cut.mp4: cannot open as a video"), skipped.get(2));
        assertFalse(r.err().contains("setFormat") || r.err().contains("FFmpegLogCallback"), "no JavaCV hints");
        for (String id : List.of("a_good", "e_good")) {
            JsonNode run = RunChecks.check(out.resolve(id), true);
            assertEquals("finished", run.get("status").asText());
            assertEquals(10, run.get("frames").asLong(), id);
        }
        for (String id : List.of("b_empty", "c_text", "d_cut")) {
            assertFalse(Files.exists(out.resolve(id)), "no output folder for a video that cannot be read: " + id);
        }
    }

    @Test
    void streamUrlsMapToDistinctReadableIds() {
        assertEquals("127.0.0.1_23000", VideoSources.videoId("udp://127.0.0.1:23000"));
        assertEquals("127.0.0.1_23001", VideoSources.videoId("udp://127.0.0.1:23001?pkt_size=1316"));
        assertEquals("cam_8554_live_main", VideoSources.videoId("rtsp://user:secret@cam:8554/live/main"));
        assertEquals("host_8080_clip", VideoSources.videoId("http://host:8080/clip.mp4"));
        assertEquals("vtest", VideoSources.videoId("/data/vtest.avi"));
    }

    @Test
    void badInputIsOneLineExitTwo() {
        Run missing = run("/nonexistent/clip.mp4", "--out", tmp.resolve("x").toString());
        assertEquals(2, missing.code());
        assertEquals(1, missing.err().strip().lines().count(), missing.err());
        assertTrue(missing.err().startsWith("detect-video: /nonexistent/clip.mp4: no such video file"), missing.err());
        Run detector = run("x.mp4", "--detector", "ssd");
        assertEquals(2, detector.code());
        assertTrue(detector.err().contains("--detector 'ssd': expected hog"), detector.err());
        Run ckpt = run("x.mp4", "--checkpoint", tmp.toString());
        assertEquals(2, ckpt.code());
    }

    /**
     * Decodes the annotated video and checks, at a prediction frame, that the left, right and bottom edges of every
     * tracked box are drawn in the track's palette colour (MPEG-4 at qscale 2 keeps colours within a small distance),
     * and that the same places in the source video are mostly not that colour (so the check can fail).
     */
    static void checkDrawnBoxes(Path mp4, JsonNode tracks, int expectedFrames, int frameAtOneSecond) throws Exception {
        List<BufferedImage> frames = new ArrayList<>();
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(mp4.toFile()); Java2DFrameConverter c = new Java2DFrameConverter()) {
            g.start();
            Frame f;
            while ((f = g.grabImage()) != null) {
                frames.add(Java2DFrameConverter.cloneBufferedImage(c.convert(f)));
            }
        }
        assertEquals(expectedFrames, frames.size(), "one annotated frame per source frame");
        BufferedImage source;
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(video.toFile()); Java2DFrameConverter c = new Java2DFrameConverter()) {
            g.start();
            for (int i = 0; i < frameAtOneSecond; i++) {
                g.grabImage();
            }
            source = Java2DFrameConverter.cloneBufferedImage(c.convert(g.grabImage()));
        }
        BufferedImage drawn = frames.get(frameAtOneSecond);
        int hits = 0;
        int samples = 0;
        int sourceHits = 0;
        for (JsonNode t : tracks.get("tracks")) {
            int rgb = Palette.rgb(t.get("id").asInt());
            for (JsonNode b : t.get("boxes")) {
                if (b.get("t").asDouble() != 1.0) {
                    continue;
                }
                int w = drawn.getWidth();
                int h = drawn.getHeight();
                int x1 = (int) Math.round(b.get("x1").asDouble() * w);
                int x2 = (int) Math.round(b.get("x2").asDouble() * w);
                int y1 = (int) Math.round(b.get("y1").asDouble() * h);
                int y2 = (int) Math.round(b.get("y2").asDouble() * h);
                int[][] points = {{x1, (y1 + y2) / 2}, {x2, (y1 + y2) / 2}, {(x1 + x2) / 2, y2}};
                for (int[] p : points) {
                    samples++;
                    hits += near(drawn, p[0], p[1], rgb) ? 1 : 0;
                    sourceHits += near(source, p[0], p[1], rgb) ? 1 : 0;
                }
            }
        }
        System.out.printf("annotated frame at 1.0 s: %d of %d box-edge samples in the track colour (source: %d)%n",
                hits, samples, sourceHits);
        assertTrue(samples >= 3, "at least one box at 1.0 s");
        assertTrue(hits >= 0.75 * samples, hits + " of " + samples + " edge samples drawn in track colours");
        assertTrue(sourceHits <= 0.25 * samples, "the source is not already that colour: " + sourceHits);
    }

    /** Some pixel within 1 px of (x, y) is within 60 (sum of channel differences / 3 < 40) of the colour. */
    static boolean near(BufferedImage img, int x, int y, int rgb) {
        for (int dx = -1; dx <= 1; dx++) {
            for (int dy = -1; dy <= 1; dy++) {
                int xx = Math.max(0, Math.min(img.getWidth() - 1, x + dx));
                int yy = Math.max(0, Math.min(img.getHeight() - 1, y + dy));
                int p = img.getRGB(xx, yy);
                int d = Math.abs((p >> 16 & 0xff) - (rgb >> 16 & 0xff)) + Math.abs((p >> 8 & 0xff) - (rgb >> 8 & 0xff))
                        + Math.abs((p & 0xff) - (rgb & 0xff));
                if (d < 120) {
                    return true;
                }
            }
        }
        return false;
    }
}
