package io.x3dava.backbone.video;

import io.x3dava.backbone.synthetic.SyntheticVideos;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

/** Test videos whose frame k is a solid colour encoding k, so a decoded frame tells which frame it is. */
final class IndexVideos {
    private IndexVideos() {}

    /** Colour of frame k: R, G, B carry k's base-10 digits (units, tens, hundreds) in steps of 20. */
    static int[] colour(long k) {
        return new int[] {30 + (int) (k % 10) * 20, 30 + (int) ((k / 10) % 10) * 20, 30 + (int) ((k / 100) % 10) * 20};
    }

    /** Decodes the index back from mean R, G, B (valid for k < 1000). */
    static long index(double r, double g, double b) {
        return Math.round((r - 30) / 20) + 10 * Math.round((g - 30) / 20) + 100 * Math.round((b - 30) / 20);
    }

    static void write(Path file, int width, int height, int frames, double fps, int codec) throws Exception {
        write(file, width, height, frames, fps, codec, 10);
    }

    static void write(Path file, int width, int height, int frames, double fps, int codec, int gop) throws Exception {
        FfmpegLog.quiet();
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        try (FFmpegFrameRecorder rec = new FFmpegFrameRecorder(file.toFile(), width, height, 0);
             Java2DFrameConverter conv = new Java2DFrameConverter()) {
            rec.setVideoCodec(codec);
            rec.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            rec.setFrameRate(fps);
            rec.setGopSize(gop);
            rec.setVideoBitrate(SyntheticVideos.highQualityBitrate(width, height, fps));
            rec.start();
            for (int k = 0; k < frames; k++) {
                int[] c = colour(k);
                Graphics2D g = img.createGraphics();
                g.setColor(new Color(c[0], c[1], c[2]));
                g.fillRect(0, 0, width, height);
                g.dispose();
                rec.record(conv.convert(img));
            }
            rec.stop();
        }
    }
}
