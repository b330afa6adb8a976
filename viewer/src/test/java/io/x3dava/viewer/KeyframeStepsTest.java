package io.x3dava.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.x3dava.annotations.ava.AvaDetectionRow;
import io.x3dava.annotations.command.CommandLines;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

import javax.imageio.ImageIO;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keyframe jumps land on the keyframe's own frame (the nearest one) and move on from there: "Keyframe >|" from 902 used
 * to land at 2.967 s (keyframe 902 still) and stay; export --at 903 drew keyframe 902.
 */
class KeyframeStepsTest {
    static final double NTSC = 30000.0 / 1001;

    @TempDir
    Path dir;

    /** Detections at keyframes first..first+n-1, class 1 on even and 2 on odd keyframes. */
    static OverlayModel model(String vid, int first, int n) {
        List<AvaDetectionRow> rows = new ArrayList<>();
        for (int k = first; k < first + n; k++) {
            rows.add(Rows.det(vid, k, Rows.box(0.25, 0.25, 0.75, 0.75), 1 + k % 2, 0.9));
        }
        return new OverlayModel(rows, List.of(), null, Set.of());
    }

    @Test
    void hundredKeyframesForwardAndBackAt25And2997And30Fps() {
        for (double fps : new double[] {25, NTSC, 30}) {
            for (TimeMapping time : List.of(TimeMapping.avaCut(), TimeMapping.none())) {
                int first = (int) time.offsetSeconds() + 2;
                OverlayQuery query = new OverlayQuery(model("v", first, 100));
                FrameClock clock = new FrameClock(fps, (long) Math.ceil(105 * fps));
                OverlaySettings shown = OverlaySettings.defaults().withMode(DrawMode.KEYFRAME_ONLY)
                        .withKeyframeTolerance(clock.halfFrame());
                KeyframeNavigator nav = new KeyframeNavigator(query, "v", time, clock);
                String at = fps + " fps, offset " + time.offsetSeconds();
                long frame = 0;
                for (int k = first; k < first + 100; k++) {
                    OptionalLong next = nav.next(frame);
                    assertTrue(next.isPresent(), at + ": no jump to " + k);
                    frame = next.getAsLong();
                    double ava = time.avaTime(clock.time(frame));
                    assertEquals(k, ava, clock.halfFrame() + 1e-9, at + ": jump lands near keyframe " + k);
                    assertEquals(Integer.valueOf(k),
                            query.at("v", ava, shown).keyframe() == null ? null : query.at("v", ava, shown).keyframe().timestamp(),
                            at + ": keyframe " + k + " shown at its frame");
                }
                assertTrue(nav.next(frame).isEmpty(), at + ": nothing after the last keyframe");
                for (int k = first + 98; k >= first; k--) {
                    frame = nav.previous(frame).orElseThrow();
                    assertEquals(k, time.avaTime(clock.time(frame)), clock.halfFrame() + 1e-9, at + ": back to " + k);
                }
                assertTrue(nav.previous(frame).isEmpty(), at);
            }
        }
    }

    @Test
    void keyframeOnlyModeShowsExactlyOneFramePerKeyframe() {
        for (double fps : new double[] {25, NTSC, 30}) {
            FrameClock clock = new FrameClock(fps, (long) (20 * fps));
            OverlayQuery query = new OverlayQuery(model("v", 902, 10));
            OverlaySettings s = OverlaySettings.defaults().withMode(DrawMode.KEYFRAME_ONLY)
                    .withKeyframeTolerance(clock.halfFrame());
            int frames = 0;
            for (long i = 0; i < clock.frameCount(); i++) {
                if (query.at("v", TimeMapping.avaCut().avaTime(clock.time(i)), s).keyframe() != null) {
                    frames++;
                }
            }
            assertEquals(10, frames, fps + " fps");
        }
    }

    /** A uniform frame whose grey level identifies the frame (mod 86). */
    static BufferedImage grey(int i) {
        BufferedImage img = new BufferedImage(64, 48, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        int v = (i * 3) % 256;
        g.setColor(new Color(v, v, v));
        g.fillRect(0, 0, 64, 48);
        g.dispose();
        return img;
    }

    static Path ntscVideo(Path file, int frames) throws Exception {
        FFmpegFrameRecorder rec = new FFmpegFrameRecorder(file.toFile(), 64, 48, 0);
        rec.setFormat("mp4");
        rec.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
        rec.setFrameRate(NTSC);
        rec.setVideoQuality(2);
        try (Java2DFrameConverter conv = new Java2DFrameConverter()) {
            rec.start();
            for (int i = 0; i < frames; i++) {
                rec.record(conv.convert(grey(i)));
            }
            rec.stop();
        } finally {
            rec.release();
        }
        return file;
    }

    @Test
    void jumpsDecodeTheKeyframesFrameOfA2997FpsVideo() throws Exception {
        Path video = ntscVideo(dir.resolve("cut.mp4"), 300);
        OverlayQuery query = new OverlayQuery(model("cut", 902, 8));
        // reference: every frame decoded in order from the start, no seeking
        List<Integer> sequential = new ArrayList<>();
        try (FrameCursor c = FrameCursor.open(video)) {
            for (VideoFrame f; (f = c.next()) != null; ) {
                sequential.add(f.rgbAt(32, 24) & 0xff);
            }
        }
        assertEquals(300, sequential.size());
        for (int i = 0; i < 300; i++) {
            assertEquals((i * 3) % 256, sequential.get(i), 6, "frame " + i + " in order: " + sequential.subList(Math.max(0, i - 3), i + 1));
        }
        try (FrameCursor c = FrameCursor.open(video)) {
            assertEquals(NTSC, c.frameRate(), 1e-6);
            KeyframeNavigator nav = new KeyframeNavigator(query, "cut", TimeMapping.avaCut(), c.clock());
            long frame = 0;
            for (int k = 902; k < 910; k++) {
                frame = nav.next(frame).orElseThrow();
                c.seekFrame(frame);
                VideoFrame f = c.next();
                assertEquals(Math.round((k - 900) * NTSC), f.index(), "keyframe " + k);
                assertEquals(sequential.get((int) f.index()), f.rgbAt(32, 24) & 0xff, "decoded the frame of keyframe " + k);
            }
        }
    }

    @Test
    void exportAtDrawsThatKeyframe() throws Exception {
        Path video = ntscVideo(dir.resolve("cut.mp4"), 150);
        Path csv = dir.resolve("dets.csv");
        StringBuilder rows = new StringBuilder();
        for (int k = 902; k <= 904; k++) {
            rows.append("cut,").append(k).append(",0.25,0.25,0.75,0.75,").append(1 + k % 2).append(",0.9\n");
        }
        Files.writeString(csv, rows);
        for (int k = 902; k <= 904; k++) {
            Path png = dir.resolve("at" + k + ".png");
            int rc = CommandLines.execute(new ExportCommand(), "--video", video.toString(), "-d", csv.toString(),
                    "--offset", "900", "--mode", "keyframe-only", "--png", png.toString(), "--at", Integer.toString(k));
            assertEquals(0, rc);
            BufferedImage img = ImageIO.read(png.toFile());
            assertEquals(640, img.getWidth(), "64x48 scaled up to a 480 px short side");
            int px = img.getRGB((int) (0.25 * img.getWidth()), img.getHeight() / 2) & 0xffffff;
            assertTrue(TestVideos.near(px, Palette.rgb(1 + k % 2), 2),
                    String.format("--at %d: box of class %d expected, pixel %06x", k, 1 + k % 2, px));
        }
        // past the end of the video (150 frames = 5 s): bad input, not silently the last frame
        assertEquals(2, CommandLines.execute(new ExportCommand(), "--video", video.toString(), "--offset", "900",
                "--png", dir.resolve("late.png").toString(), "--at", "950"));
        assertTrue(!Files.exists(dir.resolve("late.png")));
    }
}
