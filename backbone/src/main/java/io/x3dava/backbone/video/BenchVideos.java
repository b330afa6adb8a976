package io.x3dava.backbone.video;

import io.x3dava.backbone.synthetic.Actor;
import io.x3dava.backbone.synthetic.SyntheticVideos;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * The decode benchmarks' input when the user gives none: a 1280x720 H.264 file (300 frames at 30 fps, GOP 250, as
 * common web video), textured moving content so the decoder does real work. The bundled FFmpeg encodes H.264 with
 * OpenH264 (no libx264 in JavaCV's LGPL build), i.e. without B-frames.
 */
public final class BenchVideos {
    public static final int WIDTH = 1280;
    public static final int HEIGHT = 720;
    public static final int FRAMES = 300;
    public static final double FPS = 30;
    public static final int GOP = 250;

    private BenchVideos() {}

    /** Writes the benchmark video to {@code file} (temp file + move, so a stopped run leaves no half file). */
    public static void writeH264(Path file, long seed) throws IOException {
        FfmpegLog.quiet();
        Path tmp = file.resolveSibling(file.getFileName() + ".part.mp4");
        List<Actor> actors = List.of(Actor.of(Actor.RIGHT, 0.3, 0.3, 0.2), Actor.of(Actor.DOWN, 0.7, 0.4, 0.25),
                Actor.of(Actor.PULSE, 0.5, 0.75, 0.2), Actor.of(Actor.LEFT, 0.6, 0.6, 0.15));
        BufferedImage background = texture(seed);
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_3BYTE_BGR);
        byte[] bg = ((DataBufferByte) background.getRaster().getDataBuffer()).getData();
        byte[] px = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        int row = WIDTH * 3;
        try (FFmpegFrameRecorder rec = new FFmpegFrameRecorder(tmp.toFile(), WIDTH, HEIGHT, 0);
             Java2DFrameConverter conv = new Java2DFrameConverter()) {
            rec.setFormat("mp4");
            rec.setVideoCodecName("libopenh264");
            rec.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            rec.setFrameRate(FPS);
            rec.setGopSize(GOP);
            rec.setVideoBitrate(4_000_000);
            rec.start();
            for (int f = 0; f < FRAMES; f++) {
                // The camera pans: the texture shifts 2 pixels a frame (a bulk row copy, no per-pixel loop).
                int shift = (2 * f) % WIDTH * 3;
                for (int y = 0; y < HEIGHT; y++) {
                    System.arraycopy(bg, y * row + shift, px, y * row, row - shift);
                    System.arraycopy(bg, y * row, px, y * row + row - shift, shift);
                }
                SyntheticVideos.drawActors(img, actors, f);
                rec.record(conv.convert(img));
            }
            rec.stop();
        } catch (FFmpegFrameRecorder.Exception e) {
            Files.deleteIfExists(tmp);
            throw new IOException(file + ": cannot write the benchmark video: " + e.getMessage(), e);
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** Gradients and random blocks: enough detail for a realistic bit rate. */
    private static BufferedImage texture(long seed) {
        BufferedImage bg = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = bg.createGraphics();
        try {
            g.setPaint(new GradientPaint(0, 0, new Color(40, 60, 90), WIDTH, HEIGHT, new Color(120, 100, 60)));
            g.fillRect(0, 0, WIDTH, HEIGHT);
            Random rnd = new Random(seed);
            for (int i = 0; i < 1500; i++) {
                g.setColor(new Color(rnd.nextInt(256), rnd.nextInt(256), rnd.nextInt(256), 90));
                g.fillRect(rnd.nextInt(WIDTH), rnd.nextInt(HEIGHT), 4 + rnd.nextInt(40), 4 + rnd.nextInt(40));
            }
        } finally {
            g.dispose();
        }
        return bg;
    }
}
