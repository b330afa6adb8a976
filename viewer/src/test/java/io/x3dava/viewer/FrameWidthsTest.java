package io.x3dava.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every frame width from 16 to 400 px (FFmpeg pads decoded rows to an aligned stride; the viewer's old reader garbled
 * 96 px and crashed at 72 px): the viewer's frames equal FFmpeg's own decode, read here independently with an explicit
 * RGB24 format and a stride-aware copy, and with the ffmpeg command when it is installed.
 */
class FrameWidthsTest {
    static final int H = 24;
    static final int FRAMES = 3;
    /** Mean absolute error bound against FFmpeg's decode, in 0..255 units. */
    static final double MAX_MEAN_ERROR = 2.0;

    static {
        io.x3dava.backbone.video.FfmpegLog.quiet(); // FFmpeg's per-file INFO lines would flood the test log
    }

    @TempDir
    Path dir;

    static List<Integer> widths() {
        List<Integer> w = new ArrayList<>();
        for (int x = 16; x <= 400; x += 8) {
            w.add(x);
        }
        w.addAll(List.of(17, 71, 72, 97, 99, 127));
        return w;
    }

    /** Colour ramps (no flat areas, so a shifted or squeezed row shows), changing per frame. */
    static BufferedImage picture(int w, int h, int frame) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = 255 * x / Math.max(1, w - 1);
                int g = 255 * y / Math.max(1, h - 1);
                int b = (40 * frame + 2 * x) & 0xff;
                img.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        return img;
    }

    /**
     * MPEG-4 in MP4 for even widths (as AVA's and the demo's videos); FFV1 in Matroska for odd ones (MPEG-4 needs even).
     * With an odd width the ffmpeg command writes the exact size (a scaled lavfi test pattern); JavaCV's recorder rounds it up.
     */
    static Path write(Path dir, int w) throws Exception {
        boolean even = w % 2 == 0;
        if (!even) {
            Path exact = dir.resolve("w" + w + "-cli.mkv");
            if (ffmpeg("-v", "error", "-f", "lavfi", "-i", "testsrc2=size=128x" + H + ":rate=25", "-vf", "scale=" + w + ":" + H,
                    "-frames:v",
                    Integer.toString(FRAMES), "-c:v", "ffv1", "-pix_fmt", "yuv444p", exact.toString()) != null) {
                return exact;
            }
        }
        Path file = dir.resolve("w" + w + (even ? ".mp4" : ".mkv"));
        FFmpegFrameRecorder rec = new FFmpegFrameRecorder(file.toFile(), w, H, 0);
        rec.setFormat(even ? "mp4" : "matroska");
        rec.setVideoCodec(even ? avcodec.AV_CODEC_ID_MPEG4 : avcodec.AV_CODEC_ID_FFV1);
        rec.setPixelFormat(even ? avutil.AV_PIX_FMT_YUV420P : avutil.AV_PIX_FMT_YUV444P);
        rec.setFrameRate(25);
        rec.setVideoQuality(2);
        try (Java2DFrameConverter conv = new Java2DFrameConverter()) {
            rec.start();
            for (int i = 0; i < FRAMES; i++) {
                rec.record(conv.convert(picture(w, H, i)));
            }
            rec.stop();
        } finally {
            rec.release();
        }
        return file;
    }

    /** FFmpeg's decode as packed RGB, one array per frame, copying row by row with the frame's own stride. */
    static List<byte[]> ffmpegDecode(Path file) throws Exception {
        List<byte[]> out = new ArrayList<>();
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile())) {
            g.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
            g.start();
            Frame f;
            while ((f = g.grabImage()) != null) {
                byte[] rgb = new byte[f.imageWidth * f.imageHeight * 3];
                ByteBuffer src = ((ByteBuffer) f.image[0]).duplicate();
                for (int y = 0; y < f.imageHeight; y++) {
                    src.position(y * f.imageStride);
                    src.get(rgb, y * f.imageWidth * 3, f.imageWidth * 3);
                }
                out.add(rgb);
            }
        }
        return out;
    }

    /** The ffmpeg command's decode of the first frame, or null when ffmpeg is not installed. */
    static byte[] ffmpegCliFirstFrame(Path file) throws Exception {
        return ffmpeg("-v", "error", "-i", file.toString(), "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb24", "-");
    }

    /** Runs the ffmpeg command; its standard output, or null when it is not installed. */
    static byte[] ffmpeg(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-nostdin"));
        cmd.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException notInstalled) {
            return null;
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (InputStream in = p.getInputStream()) {
            in.transferTo(buf);
        }
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "failed: " + cmd);
        return buf.toByteArray();
    }

    static double meanError(byte[] a, byte[] b) {
        assertEquals(a.length, b.length, "frame sizes");
        long sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs((a[i] & 0xff) - (b[i] & 0xff));
        }
        return sum / (double) a.length;
    }

    @Test
    void everyWidthMatchesFfmpegsDecode() throws Exception {
        List<String> bad = new ArrayList<>();
        int cliChecked = 0;
        for (int w : widths()) {
            Path video = write(dir, w);
            List<byte[]> reference = ffmpegDecode(video);
            assertEquals(FRAMES, reference.size(), "frames decoded at width " + w);
            try (FrameCursor c = FrameCursor.open(video)) {
                boolean exact = w % 2 == 0 || video.toString().endsWith("-cli.mkv");
                assertEquals(exact ? w : w + 1, c.width(), "width of " + video.getFileName());
                // JavaCV's recorder (used without the ffmpeg command) writes an odd-width FFV1 frame one pixel larger
                // both ways (17x24 becomes 18x25); what counts is that the viewer sees FFmpeg's size
                int h = exact ? H : reference.get(0).length / (3 * c.width());
                assertEquals(h, c.height(), "height of " + video.getFileName());
                for (int i = 0; i < FRAMES; i++) {
                    VideoFrame f = c.next();
                    double err = meanError(reference.get(i), f.rgb());
                    if (err >= MAX_MEAN_ERROR) {
                        bad.add(String.format(Locale.ROOT, "width %d frame %d: mean error %.2f", w, i, err));
                    }
                    if (i == 0) {
                        // the image the painters draw shows the same pixels (a corner and the middle)
                        BufferedImage img = f.image();
                        int fw = f.width();
                        for (int[] xy : new int[][] {{0, 0}, {fw - 1, h - 1}, {fw / 2, h / 2}}) {
                            assertEquals(f.rgbAt(xy[0], xy[1]), img.getRGB(xy[0], xy[1]) & 0xffffff, "width " + w);
                        }
                        BufferedImage drawn = new OverlayPainter().annotate(img, FrameOverlay.empty(0), fw, h);
                        assertEquals(f.rgbAt(fw - 1, h / 2), drawn.getRGB(fw - 1, h / 2) & 0xffffff, "width " + w);
                        // the command costs a process per call: a sample of widths (every odd one) keeps the test short
                        byte[] cli = w % 2 == 1 || w % 40 == 0 ? ffmpegCliFirstFrame(video) : null;
                        if (cli != null) {
                            cliChecked++;
                            double e = meanError(cli, f.rgb());
                            if (e >= MAX_MEAN_ERROR) {
                                bad.add(String.format(Locale.ROOT, "width %d: mean error %.2f against the ffmpeg command", w, e));
                            }
                        }
                    }
                }
                assertEquals(null, c.next(), "end of video at width " + w);
            }
            if (w % 2 == 0) {
                // and the decodes are the picture that was encoded (coding error only), not a squeezed or shifted one
                double vsSource = meanError(rgbOf(picture(w, H, 0)), reference.get(0));
                assertTrue(vsSource < 12, String.format(Locale.ROOT, "width %d: FFmpeg decode differs from the source by %.1f", w,
                        vsSource));
            }
        }
        assertEquals(List.of(), bad);
        if (cliChecked == 0 && ffmpeg("-version") == null) {
            System.err.println("FrameWidthsTest: ffmpeg command not installed, compared with FFmpeg via JavaCV only");
        }
    }

    @Test
    void frameFoldersOfOddWidthsReadAsTheirJpegs() throws Exception {
        for (int w : List.of(17, 72, 97)) {
            Path folder = Files.createDirectories(dir.resolve("frames" + w).resolve("v" + w));
            for (int n = 1; n <= 2; n++) {
                ImageIO.write(picture(w, H, n), "jpg", folder.resolve(String.format("v%d_%06d.jpg", w, n)).toFile());
            }
            BufferedImage jpeg = ImageIO.read(folder.resolve(String.format("v%d_%06d.jpg", w, 2)).toFile());
            try (FrameCursor c = FrameCursor.open(folder)) {
                assertEquals("v" + w, c.videoId());
                c.seekFrame(1);
                VideoFrame f = c.next();
                assertEquals(1 / 30.0, f.time(), 1e-9);
                assertTrue(meanError(rgbOf(jpeg), f.rgb()) < MAX_MEAN_ERROR, "width " + w);
            }
        }
    }

    static byte[] rgbOf(BufferedImage img) {
        byte[] out = new byte[img.getWidth() * img.getHeight() * 3];
        int i = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y);
                out[i++] = (byte) (p >> 16);
                out[i++] = (byte) (p >> 8);
                out[i++] = (byte) p;
            }
        }
        return out;
    }
}
