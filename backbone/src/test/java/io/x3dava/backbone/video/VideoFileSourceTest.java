package io.x3dava.backbone.video;

import org.bytedeco.ffmpeg.global.avcodec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VideoFileSourceTest {
    static final int FRAMES = 90;

    @TempDir
    static Path dir;
    static Path mp4;

    @BeforeAll
    static void writeVideo() throws Exception {
        mp4 = dir.resolve("index.mp4");
        IndexVideos.write(mp4, 64, 48, FRAMES, 30, avcodec.AV_CODEC_ID_MPEG4);
    }

    /** Every output frame must decode to the index that was asked for (after clamping). */
    private static void assertFrames(DecodedClip clip, long[] asked, long frameCount) {
        assertEquals(asked.length, clip.frames());
        for (int t = 0; t < asked.length; t++) {
            long expected = Math.max(0, Math.min(frameCount - 1, asked[t]));
            double r = clip.meanChannel(t, 0);
            double g = clip.meanChannel(t, 1);
            double b = clip.meanChannel(t, 2);
            assertEquals(expected, IndexVideos.index(r, g, b),
                    "output " + t + " asked frame " + asked[t] + " (mean rgb " + r + "," + g + "," + b + ") of "
                            + Arrays.toString(asked));
        }
    }

    @Test
    void metadata() throws IOException {
        try (VideoFileSource src = new VideoFileSource(mp4)) {
            assertEquals(30.0, src.fps(), 1e-6);
            assertEquals(FRAMES, src.frameCount());
            assertEquals(64, src.width());
            assertEquals(48, src.height());
        }
    }

    @Test
    void randomIndexSetsAreFrameAccurate() throws IOException {
        Random rnd = new Random(7);
        try (VideoFileSource src = new VideoFileSource(mp4)) {
            for (int trial = 0; trial < 25; trial++) {
                long[] idx = new long[1 + rnd.nextInt(8)];
                for (int i = 0; i < idx.length; i++) {
                    idx[i] = rnd.nextInt(FRAMES + 20) - 10; // includes out-of-range ends (clamped)
                }
                if (trial % 3 == 0) {
                    idx[idx.length - 1] = idx[0]; // a repeat
                }
                assertFrames(src.read(idx, 0), idx, FRAMES);
            }
        }
    }

    @Test
    void backwardsAndSequentialReadsAndEnds() throws IOException {
        try (VideoFileSource src = new VideoFileSource(mp4)) {
            long[][] sets = {{80, 81, 82}, {3, 4, 5}, {0}, {89}, {89, 0, 45, 45, 46}, {12, 24, 36, 48, 60, 72, 84},
                    {-5, -1, 0, 1}, {88, 89, 90, 200}, {11}, {10}, {9}};
            for (long[] idx : sets) {
                assertFrames(src.read(idx, 0), idx, FRAMES);
            }
        }
    }

    /** 25 fps, long GOP (50): seeks land far before the target and must decode forward inside the GOP. */
    @Test
    void longGopAtAnotherRate() throws Exception {
        Path p = dir.resolve("gop50.mp4");
        IndexVideos.write(p, 48, 32, 250, 25, avcodec.AV_CODEC_ID_MPEG4, 50);
        Random rnd = new Random(3);
        try (VideoFileSource src = new VideoFileSource(p)) {
            assertEquals(25.0, src.fps(), 1e-6);
            assertEquals(250, src.frameCount());
            for (int trial = 0; trial < 12; trial++) {
                long[] idx = TemporalSampler.random(250, 25, new ClipSpec(6, 8), rnd);
                assertFrames(src.read(idx, 0), idx, 250);
            }
            long[] jumps = {249, 49, 50, 51, 99, 100, 101, 199, 0, 248};
            assertFrames(src.read(jumps, 0), jumps, 250);
        }
    }

    @Test
    void resizesShortSideWithFfmpeg() throws IOException {
        try (VideoFileSource src = new VideoFileSource(mp4)) {
            long[] idx = {5, 50};
            DecodedClip clip = src.read(idx, 32);
            assertEquals(32, clip.height());
            assertEquals(42, clip.width()); // floor(64/48*32)
            assertFrames(clip, idx, FRAMES);
            DecodedClip full = src.read(idx, 0);
            assertEquals(48, full.height());
            assertEquals(64, full.width());
        }
    }

    @Test
    void otherContainers() throws Exception {
        for (String name : new String[] {"index.mkv", "index.avi", "index.webm"}) {
            Path p = dir.resolve(name);
            int codec = name.endsWith("webm") ? avcodec.AV_CODEC_ID_VP8 : avcodec.AV_CODEC_ID_MPEG4;
            IndexVideos.write(p, 64, 48, 40, 30, codec);
            try (VideoFileSource src = new VideoFileSource(p)) {
                assertEquals(30.0, src.fps(), 1e-6, name);
                assertTrue(Math.abs(src.frameCount() - 40) <= 1, name + " frame count " + src.frameCount());
                long[] idx = {33, 2, 17, 17, 38};
                assertFrames(src.read(idx, 0), idx, src.frameCount());
            }
        }
    }

    @Test
    void badFilesNameThePath() throws IOException {
        Path missing = dir.resolve("missing.mp4");
        IOException e = assertThrows(IOException.class, () -> new VideoFileSource(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        Path corrupt = dir.resolve("corrupt.mp4");
        Files.write(corrupt, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
        e = assertThrows(IOException.class, () -> new VideoFileSource(corrupt));
        assertTrue(e.getMessage().contains(corrupt.toString()), e.getMessage());
    }
}
