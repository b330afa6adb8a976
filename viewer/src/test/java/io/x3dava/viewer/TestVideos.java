package io.x3dava.viewer;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;

/** Generated test inputs: a grey video with a moving dark square, so frames differ but never look like a class colour. */
final class TestVideos {
    static final int BACKGROUND = 0x808080;

    private TestVideos() {}

    static BufferedImage frame(int w, int h, int i) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(BACKGROUND));
        g.fillRect(0, 0, w, h);
        g.setColor(Color.DARK_GRAY);
        g.fillRect((i * 7) % (w - 20), h - 30, 20, 20);
        g.dispose();
        return img;
    }

    static Path write(Path file, int w, int h, double fps, int frames) throws Exception {
        FFmpegFrameRecorder rec = new FFmpegFrameRecorder(file.toFile(), w, h, 0);
        rec.setFormat("mp4");
        rec.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
        rec.setFrameRate(fps);
        rec.setVideoQuality(2);
        try (Java2DFrameConverter conv = new Java2DFrameConverter()) {
            rec.start();
            for (int i = 0; i < frames; i++) {
                rec.record(conv.convert(frame(w, h, i)));
            }
            rec.stop();
        } finally {
            rec.release();
        }
        return file;
    }

    /** Whether two 0xRRGGBB colours differ by at most tol in every channel. */
    static boolean near(int rgb, int want, int tol) {
        for (int shift = 0; shift <= 16; shift += 8) {
            if (Math.abs((rgb >> shift & 0xff) - (want >> shift & 0xff)) > tol) {
                return false;
            }
        }
        return true;
    }
}
