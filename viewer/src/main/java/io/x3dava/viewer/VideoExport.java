package io.x3dava.viewer;

import io.x3dava.annotations.AtomicFiles;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * Writes the annotated video as MP4 (MPEG-4 part 2: in every FFmpeg build, unlike H.264 which the LGPL build lacks),
 * overlay drawn with Java2D so no screen is needed. Written to a temporary file then renamed over the target.
 */
public final class VideoExport {
    private final OverlayQuery query;
    private final OverlaySettings settings;
    private final ExportSize size;
    private final OverlayPainter painter = new OverlayPainter();

    public VideoExport(OverlayQuery query, OverlaySettings settings, ExportSize size) {
        this.query = query;
        this.settings = settings;
        this.size = size;
    }

    /** Progress per written frame; return false to cancel. */
    @FunctionalInterface
    public interface Progress {
        boolean frameWritten(double videoTime);
    }

    /**
     * Exports [fromVideoTime, toVideoTime) of the source; returns the number of frames written.
     */
    public int export(FrameCursor source, String videoId, TimeMapping time, double fromVideoTime, double toVideoTime,
            Path target, Progress progress) throws IOException {
        Path abs = target.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        Path tmp = AtomicFiles.tempSibling(abs, ".tmp.mp4");
        int written = 0;
        // MPEG-4 (YUV 4:2:0) needs even dimensions
        int[] wh = size.of(source.width(), source.height(), true);
        int w = wh[0];
        int h = wh[1];
        try {
            FFmpegFrameRecorder rec = new FFmpegFrameRecorder(tmp.toFile(), w, h, 0);
            rec.setFormat("mp4");
            rec.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
            rec.setFrameRate(source.frameRate());
            rec.setVideoQuality(2); // qscale 2: near-lossless, so class colours survive
            rec.setPixelFormat(org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P);
            try (Java2DFrameConverter conv = new Java2DFrameConverter()) {
                rec.start();
                source.seek(fromVideoTime);
                VideoFrame f;
                while ((f = source.next()) != null && f.time() < toVideoTime) {
                    FrameOverlay o = query.at(videoId, time.avaTime(f.time()), settings);
                    BufferedImage img = painter.annotate(f.image(), o, w, h);
                    rec.record(conv.convert(img));
                    written++;
                    if (progress != null && !progress.frameWritten(f.time())) {
                        break;
                    }
                }
                rec.stop();
            } finally {
                rec.release();
            }
            if (written == 0) {
                throw new IOException(target + ": no frames in [" + fromVideoTime + ", " + toVideoTime + ") s of the video");
            }
            AtomicFiles.replace(tmp, abs);
        } catch (FrameRecorder.Exception e) {
            throw new IOException(target + ": MP4 encoding failed (" + e.getMessage() + ")", e);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return written;
    }
}
