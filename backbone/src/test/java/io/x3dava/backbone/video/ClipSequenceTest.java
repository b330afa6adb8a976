package io.x3dava.backbone.video;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The keyframe-sequence reader against per-keyframe decoding: the same clips, byte for byte, on videos with B-frames at
 * 25, 29.97 and 30 fps and on a frame folder, for AVA-like windows (1 s apart, overlapping) plus a backward window, a
 * far jump (a seek) and windows past both ends.
 */
class ClipSequenceTest {
    @TempDir
    static Path dir;
    static final double[] RATES = {25.0, 30000.0 / 1001.0, 30.0};
    static final int FRAMES = 200;
    static final List<Path> videos = new ArrayList<>();

    @BeforeAll
    static void writeVideos() throws Exception {
        for (double fps : RATES) {
            Path p = dir.resolve(String.format(Locale.ROOT, "b%.2f.mp4", fps));
            writeWithBFrames(p, 96, 64, FRAMES, fps);
            videos.add(p);
        }
    }

    /** Frame k: solid index colour plus a moving bar and noise, mpeg4 with 2 B-frames between references, GOP 48. */
    static void writeWithBFrames(Path file, int width, int height, int frames, double fps) throws Exception {
        FfmpegLog.quiet();
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Random rnd = new Random(1);
        try (FFmpegFrameRecorder rec = new FFmpegFrameRecorder(file.toFile(), width, height, 0);
             Java2DFrameConverter conv = new Java2DFrameConverter()) {
            rec.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
            rec.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            rec.setFrameRate(fps);
            rec.setGopSize(48);
            rec.setMaxBFrames(2);
            rec.setVideoQuality(4);
            rec.start();
            for (int k = 0; k < frames; k++) {
                int[] c = IndexVideos.colour(k);
                Graphics2D g = img.createGraphics();
                g.setColor(new Color(c[0], c[1], c[2]));
                g.fillRect(0, 0, width, height);
                g.setColor(Color.WHITE);
                g.fillRect((k * 3) % width, 0, 8, height);
                g.setColor(new Color(rnd.nextInt(256), rnd.nextInt(256), rnd.nextInt(256)));
                g.fillRect(rnd.nextInt(width - 10), rnd.nextInt(height - 10), 10, 10);
                g.dispose();
                rec.record(conv.convert(img));
            }
            rec.stop();
        }
    }

    /** AVA-like windows (13 x 6 at 30 fps, centred on keyframes 1 s apart) and the awkward cases after them. */
    static List<long[]> windows(long frameCount, double fps) {
        ClipSpec spec = new ClipSpec(13, 6);
        List<long[]> out = new ArrayList<>();
        for (int s = 0; s <= 8; s++) {
            out.add(TemporalSampler.centered(frameCount, fps, spec, s));
        }
        out.add(TemporalSampler.centered(frameCount, fps, spec, 2.5)); // backwards: frames already dropped
        out.add(TemporalSampler.centered(frameCount, fps, new ClipSpec(4, 2), 0.3)); // far back to the start
        out.add(TemporalSampler.centered(frameCount, fps, new ClipSpec(4, 2), 7.4)); // far forward: a seek
        out.add(new long[] {frameCount - 1, frameCount + 5, 3, 3}); // unsorted, repeats, past the end
        return out;
    }

    static void assertSameClips(Path video, int shortSide) throws Exception {
        List<long[]> ws;
        List<DecodedClip> expected = new ArrayList<>();
        try (FrameSource fresh = FrameSources.open(video)) {
            ws = windows(fresh.frameCount(), fresh.fps());
        }
        for (long[] w : ws) {
            // The per-keyframe path as before: a source per keyframe, one read.
            try (FrameSource one = FrameSources.open(video)) {
                expected.add(one.read(w, shortSide));
            }
        }
        try (FrameSource src = FrameSources.open(video); ClipSequence seq = src.sequence(ws, shortSide)) {
            assertEquals(ws.size(), seq.remaining());
            for (int i = 0; i < ws.size(); i++) {
                DecodedClip got = seq.next();
                DecodedClip want = expected.get(i);
                assertEquals(want.frames(), got.frames());
                assertEquals(want.height(), got.height());
                assertEquals(want.width(), got.width());
                assertArrayEquals(want.rgb(), got.rgb(), video.getFileName() + " window " + i + " short side "
                        + shortSide);
            }
            assertEquals(0, seq.remaining());
        }
    }

    /** AVA keyframes 1 s apart: the sequence seeks once and decodes each frame at most once. */
    @Test
    void sequenceDecodesTheVideoOnceWhilePerKeyframeReadsSeekEachTime() throws Exception {
        Path v = videos.get(2);
        List<long[]> ws = new ArrayList<>();
        try (VideoFileSource src = new VideoFileSource(v)) {
            for (int s = 1; s <= 5; s++) {
                ws.add(TemporalSampler.centered(src.frameCount(), src.fps(), new ClipSpec(13, 6), s));
            }
            long g0 = src.grabbedFrames();
            try (ClipSequence seq = src.sequence(ws, 0)) {
                while (seq.remaining() > 0) {
                    seq.next();
                }
            }
            assertEquals(1, src.seekCount());
            long last = ws.get(ws.size() - 1)[12];
            long first = ws.get(0)[0];
            assertTrue(src.grabbedFrames() - g0 <= last - first + 1 + VideoFileSource.SEEK_MARGIN,
                    "decoded " + (src.grabbedFrames() - g0) + " frames for frames " + first + ".." + last);
        }
        try (VideoFileSource src = new VideoFileSource(v)) {
            for (long[] w : ws) {
                src.read(w, 0);
            }
            assertTrue(src.seekCount() >= ws.size() - 1, "per-keyframe reads seeked " + src.seekCount() + " times");
        }
    }

    /** The streamed full decode gives every frame once, in order, equal to a read of that frame. */
    @Test
    void decodeAllStreamsEveryFrameAsRead() throws Exception {
        for (Path v : List.of(videos.get(1), videos.get(2))) {
            try (VideoFileSource src = new VideoFileSource(v); VideoFileSource ref = new VideoFileSource(v)) {
                List<Long> order = new ArrayList<>();
                long n = src.decodeAll(40, (i, rgb, h, w) -> {
                    order.add(i);
                    if (i % 17 == 0 || i == FRAMES - 1) {
                        assertArrayEquals(ref.read(new long[] {i}, 40).rgb(), rgb, v + " frame " + i);
                    }
                });
                assertEquals(FRAMES, n);
                for (int i = 0; i < FRAMES; i++) {
                    assertEquals(i, order.get(i));
                }
            }
        }
    }

    @Test
    void testVideosHaveBFrames() throws Exception {
        for (Path v : videos) {
            int b = 0;
            try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(v.toFile())) {
                g.start();
                Frame f;
                while ((f = g.grabImage()) != null) {
                    if (((AVFrame) f.opaque).pict_type() == avutil.AV_PICTURE_TYPE_B) {
                        b++;
                    }
                }
            }
            assertTrue(b > FRAMES / 3, v + " has only " + b + " B-frames");
        }
    }

    @Test
    void videoSequenceEqualsPerKeyframeReadsAtEachRate() throws Exception {
        for (Path v : videos) {
            assertSameClips(v, 0);
            assertSameClips(v, 40); // FFmpeg's scaler at the clip size, as in AVA inference
        }
    }

    @Test
    void frameFolderSequenceEqualsPerKeyframeReads() throws Exception {
        Path folder = dir.resolve("frames/vidF");
        Files.createDirectories(folder);
        BufferedImage img = new BufferedImage(48, 32, BufferedImage.TYPE_3BYTE_BGR);
        for (int k = 0; k < 140; k++) {
            int[] c = IndexVideos.colour(k);
            Graphics2D g = img.createGraphics();
            g.setColor(new Color(c[0], c[1], c[2]));
            g.fillRect(0, 0, 48, 32);
            g.setColor(Color.WHITE);
            g.fillRect(k % 40, 4, 6, 20);
            g.dispose();
            ImageIO.write(img, "jpg", folder.resolve(String.format(Locale.ROOT, "vidF_%06d.jpg", k + 1)).toFile());
        }
        assertSameClips(folder, 0);
        assertSameClips(folder, 24);
    }

    @Test
    void sequentialLoaderGivesClipLoadersClipsAndSkipsBadVideos() throws Exception {
        Path missing = dir.resolve("missing.mp4");
        List<ClipRequest> requests = new ArrayList<>();
        ClipSpec spec = new ClipSpec(13, 6);
        for (Path v : List.of(videos.get(0), missing, videos.get(1), videos.get(2))) {
            for (int s = 1; s <= 5; s++) {
                requests.add(new ClipRequest(v, spec, new Placement.Centered(s), 32, v.getFileName() + "@" + s));
            }
        }
        List<LoadedClip> want;
        try (ClipLoader plain = new ClipLoader(requests, 2)) {
            want = plain.toList();
            assertEquals(5, plain.skippedCount());
        }
        try (SequentialClipLoader seq = new SequentialClipLoader(requests, 2)) {
            List<LoadedClip> got = seq.toList();
            assertEquals(5, seq.skippedCount());
            assertEquals(want.size(), got.size());
            for (int i = 0; i < want.size(); i++) {
                assertEquals(want.get(i).position(), got.get(i).position());
                assertEquals(want.get(i).request().tag(), got.get(i).request().tag());
                assertArrayEquals(want.get(i).frameIndices(), got.get(i).frameIndices());
                assertArrayEquals(want.get(i).clip().rgb(), got.get(i).clip().rgb(), "clip " + i);
            }
        }
    }
}
