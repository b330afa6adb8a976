package io.x3dava.detector.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.x3dava.annotations.ava.AvaBox;
import io.x3dava.proposals.detect.HogPersonDetector;
import io.x3dava.proposals.detect.PersonHit;
import io.x3dava.proposals.track.IouTracker;
import io.x3dava.proposals.track.TrackedBox;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

import javax.imageio.ImageIO;

/**
 * A generated video of two real people crossing: two pedestrians cut out of vtest's frame 100 (the real footage),
 * enlarged, walking towards each other across a plain scene, one passing in front of the other. Run through the whole
 * pipeline (video file, HOG, tracker): each walker must end with the id it started with.
 */
class CrossingPeopleVideoTest {

    @Test
    void walkersKeepTheirIdsThroughACrossing(@TempDir Path dir) throws Exception {
        String root = System.getProperty("x3dava.fixtures", "../../shared/fixtures");
        Path png = Path.of(root, "detector", "vtest_frame100.png");
        if (!Files.isRegularFile(png)) {
            System.err.println("SKIPPED: " + png + " is absent (../shared/fixtures/detector)");
        }
        assumeTrue(Files.isRegularFile(png));
        BufferedImage frame100 = ImageIO.read(png.toFile());
        BufferedImage bgr = new BufferedImage(frame100.getWidth(), frame100.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        bgr.createGraphics().drawImage(frame100, 0, 0, null);
        List<PersonHit> people;
        try (HogPersonDetector hog = HogPersonDetector.create()) {
            people = hog.detect(bgr).stream().sorted(Comparator.comparingDouble(PersonHit::score).reversed())
                    .limit(2).toList();
        }
        // the fixture is there: HOG missing its two pedestrians is a failure of the detector, not a reason to skip
        assertEquals(2, people.size(), "HOG finds the two people of vtest frame 100 to cut out: " + people);
        BufferedImage a = sprite(bgr, people.get(0).box());
        BufferedImage b = sprite(bgr, people.get(1).box());

        Path video = dir.resolve("crossing.mp4");
        int w = 640;
        int h = 360;
        int frames = 40; // 4 s at 10 fps; they meet at 2 s
        try (FFmpegFrameRecorder rec = new FFmpegFrameRecorder(video.toFile(), w, h, 0);
             Java2DFrameConverter conv = new Java2DFrameConverter()) {
            rec.setFormat("mp4");
            rec.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
            rec.setFrameRate(10);
            rec.setVideoQuality(2);
            rec.start();
            for (int i = 0; i < frames; i++) {
                BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
                Graphics2D g = img.createGraphics();
                g.setPaint(new GradientPaint(0, 0, new Color(150, 155, 150), 0, h, new Color(110, 115, 105)));
                g.fillRect(0, 0, w, h);
                double f = i / (double) (frames - 1);
                int xa = (int) Math.round(40 + f * (w - 80 - a.getWidth()));
                int xb = (int) Math.round(w - 40 - b.getWidth() - f * (w - 80 - b.getWidth()));
                g.drawImage(b, xb, 100, null); // b walks behind
                g.drawImage(a, xa, 110, null);
                g.dispose();
                rec.record(conv.convert(img));
            }
            rec.stop();
        }

        ByteArrayOutputStream log = new ByteArrayOutputStream();
        VideoActionDetector.Result r;
        try (HogPersonDetector hog = HogPersonDetector.create(); VideoStream s = VideoStream.open(video.toString(),
                new PrintStream(log, true))) {
            r = new VideoActionDetector(hog, null, VideoDetectionSettings.defaults().withRate(5), new PrintStream(log,
                    true)).run(s, "crossing", (fr, p) -> { });
        }
        assertEquals(frames, r.frames());
        StringBuilder trace = new StringBuilder();
        for (IouTracker.Track t : r.tracks()) {
            trace.append('#').append(t.id()).append(':');
            for (TrackedBox tb : t.boxes()) {
                trace.append(String.format(" %.1f@%.2f", tb.seconds(), (tb.box().x1() + tb.box().x2()) / 2));
            }
            trace.append('\n');
        }
        System.out.print("crossing tracks (time@centre x):\n" + trace);
        // the walker starting on the left and the one starting on the right, by their first boxes
        IouTracker.Track left = trackAt(r.tracks(), 0.0, true);
        IouTracker.Track right = trackAt(r.tracks(), 0.0, false);
        assertNotEquals(left.id(), right.id());
        TrackedBox leftEnd = left.boxes().get(left.boxes().size() - 1);
        TrackedBox rightEnd = right.boxes().get(right.boxes().size() - 1);
        assertTrue(leftEnd.seconds() >= 3.0 && centre(leftEnd) > 0.6,
                "the left walker's track reaches the right side: " + trace);
        assertTrue(rightEnd.seconds() >= 3.0 && centre(rightEnd) < 0.4,
                "the right walker's track reaches the left side: " + trace);
    }

    private static IouTracker.Track trackAt(List<IouTracker.Track> tracks, double t, boolean leftmost) {
        return tracks.stream().filter(tr -> tr.boxes().get(0).seconds() <= t + 0.25)
                .min(Comparator.comparingDouble(tr -> (leftmost ? 1 : -1) * centre(tr.boxes().get(0))))
                .orElseThrow(() -> new AssertionError("no track at the start: " + tracks));
    }

    private static double centre(TrackedBox b) {
        return (b.box().x1() + b.box().x2()) / 2;
    }

    /** The person cut out with a margin (HOG needs context around the body) and enlarged 1.6x. */
    private static BufferedImage sprite(BufferedImage img, AvaBox box) {
        int w = img.getWidth();
        int h = img.getHeight();
        int x1 = (int) Math.max(0, box.x1() * w - 12);
        int y1 = (int) Math.max(0, box.y1() * h - 16);
        int x2 = (int) Math.min(w, box.x2() * w + 12);
        int y2 = (int) Math.min(h, box.y2() * h + 16);
        BufferedImage crop = img.getSubimage(x1, y1, x2 - x1, y2 - y1);
        int sw = (int) Math.round(crop.getWidth() * 1.6);
        int sh = (int) Math.round(crop.getHeight() * 1.6);
        BufferedImage out = new BufferedImage(sw, sh, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(crop, 0, 0, sw, sh, null);
        g.dispose();
        return out;
    }
}
