package io.x3dava.backbone.synthetic;

import io.x3dava.backbone.video.FfmpegLog;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Small generated videos for tests and toy training: a noisy background plus actors whose class can only be told
 * from their motion. Deterministic for a seed; {@link #boxesAt} gives the ground-truth boxes at any frame, so the
 * same videos serve as an AVA-like detection set.
 */
public final class SyntheticVideos {
    /** Background noise frames cycled through (precomputed: no per-pixel work per frame). */
    private static final int NOISE_FRAMES = 5;
    /** Frames per pulse period of {@link Actor#PULSE}. */
    static final double PULSE_PERIOD = 30.0;
    static final double PULSE_AMPLITUDE = 0.35;

    private SyntheticVideos() {}

    /** Normalized box (x1, y1, x2, y2 in 0..1 of width / height). */
    public record Box(double x1, double y1, double x2, double y2) {}

    /**
     * Writes a video (container from the extension: mp4, mkv, avi, webm...) encoded with mpeg4 (VP8 for webm),
     * yuv420p at high quality, GOP 12 (so seeking is exercised).
     */
    public static void writeVideo(Path file, List<Actor> actors, int width, int height, int frames, double fps, long seed)
            throws IOException {
        FfmpegLog.quiet();
        if (width < 2 || height < 2 || width % 2 != 0 || height % 2 != 0) {
            throw new IllegalArgumentException("width and height must be even and >= 2 (yuv420p), got " + width + "x" + height);
        }
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        byte[][] noise = noise(width, height, seed);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        byte[] pixels = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        boolean webm = file.getFileName().toString().toLowerCase().endsWith(".webm");
        try (FFmpegFrameRecorder rec = new FFmpegFrameRecorder(file.toFile(), width, height, 0);
             Java2DFrameConverter conv = new Java2DFrameConverter()) {
            rec.setVideoCodec(webm ? avcodec.AV_CODEC_ID_VP8 : avcodec.AV_CODEC_ID_MPEG4);
            rec.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            rec.setFrameRate(fps);
            rec.setGopSize(12);
            rec.setVideoBitrate(highQualityBitrate(width, height, fps));
            rec.start();
            for (int f = 0; f < frames; f++) {
                System.arraycopy(noise[f % NOISE_FRAMES], 0, pixels, 0, pixels.length);
                drawActors(img, actors, f);
                rec.record(conv.convert(img));
            }
            rec.stop();
        } catch (FFmpegFrameRecorder.Exception e) {
            throw new IOException(file + ": cannot write video: " + e.getMessage(), e);
        }
    }

    /** About one bit per pixel: near-lossless for mpeg4 on these small, simple frames. */
    public static int highQualityBitrate(int width, int height, double fps) {
        return (int) Math.min(50_000_000, Math.max(200_000, width * height * fps));
    }

    /** Draws the actors of frame f onto img (over whatever background it holds). */
    public static void drawActors(BufferedImage img, List<Actor> actors, int frameIndex) {
        Graphics2D g = img.createGraphics();
        try {
            // No antialiasing: shape edges fall exactly on the boxes from boxesAt.
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
            int w = img.getWidth();
            int h = img.getHeight();
            for (Actor a : actors) {
                int[] px = pixelBox(boxAt(a, frameIndex), w, h);
                g.setColor(new Color(a.rgb()));
                if (a.shape() == Actor.Shape.DISC) {
                    g.fillOval(px[0], px[1], px[2] - px[0], px[3] - px[1]);
                } else {
                    g.fillRect(px[0], px[1], px[2] - px[0], px[3] - px[1]);
                }
            }
        } finally {
            g.dispose();
        }
    }

    /** Each actor's normalized box at a frame, in the order of {@code actors}. */
    public static List<Box> boxesAt(List<Actor> actors, int frameIndex) {
        List<Box> out = new ArrayList<>(actors.size());
        for (Actor a : actors) {
            out.add(boxAt(a, frameIndex));
        }
        return out;
    }

    /** The box snapped to the pixel grid of a w x h frame, as drawn: {x1, y1, x2, y2} (x2, y2 exclusive). */
    public static int[] pixelBox(Box b, int w, int h) {
        return new int[] {(int) Math.round(b.x1() * w), (int) Math.round(b.y1() * h),
                (int) Math.round(b.x2() * w), (int) Math.round(b.y2() * h)};
    }

    static Box boxAt(Actor a, int f) {
        double side = a.size();
        if (a.motionClass() == Actor.PULSE) {
            side *= 1 + PULSE_AMPLITUDE * Math.sin(2 * Math.PI * f / PULSE_PERIOD);
        }
        double half = side / 2;
        double cx = a.x();
        double cy = a.y();
        double d = a.speed() * f;
        switch (a.motionClass()) {
            case Actor.LEFT -> cx = bounce(cx - d, half);
            case Actor.RIGHT -> cx = bounce(cx + d, half);
            case Actor.UP -> cy = bounce(cy - d, half);
            case Actor.DOWN -> cy = bounce(cy + d, half);
            default -> { }
        }
        return new Box(clamp01(cx - half), clamp01(cy - half), clamp01(cx + half), clamp01(cy + half));
    }

    /**
     * Keeps a moving centre inside [half, 1-half] by bouncing off the edges (a triangle wave), so the shape never jumps
     * across the frame; left and right movers then differ only in phase, as do up and down.
     */
    private static double bounce(double c, double half) {
        double lo = half;
        double range = 1 - 2 * half;
        if (range <= 0) {
            return 0.5;
        }
        double r = (c - lo) % (2 * range);
        if (r < 0) {
            r += 2 * range;
        }
        return lo + (r <= range ? r : 2 * range - r);
    }

    private static double clamp01(double v) {
        return Math.max(0, Math.min(1, v));
    }

    private static byte[][] noise(int width, int height, long seed) {
        Random rnd = new Random(seed);
        byte[][] out = new byte[NOISE_FRAMES][width * height * 3];
        for (byte[] frame : out) {
            for (int i = 0; i < frame.length; i += 3) {
                // Dark grey noise, same in all channels, well below the actors' brightness.
                byte v = (byte) (40 + rnd.nextInt(40));
                frame[i] = v;
                frame[i + 1] = v;
                frame[i + 2] = v;
            }
        }
        return out;
    }
}
