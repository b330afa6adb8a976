package io.x3dava.viewer.detect;

import io.x3dava.annotations.ava.LabelMap;
import io.x3dava.backbone.video.FfmpegErrors;
import io.x3dava.detector.video.PersonActions;
import io.x3dava.detector.video.Prediction;
import io.x3dava.detector.video.StreamFrame;
import io.x3dava.detector.video.VideoActionDetector;
import io.x3dava.viewer.BoxStyle;
import io.x3dava.viewer.DrawnBox;
import io.x3dava.viewer.FrameOverlay;
import io.x3dava.viewer.OverlayPainter;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * annotated.mp4: every frame with the people of the prediction shown on it, drawn by the viewer's
 * {@link OverlayPainter} (the export look): one colour per track, label "#id score" then the top actions. Encoded
 * like the viewer's export (MPEG-4 part 2, qscale 2) as fragmented MP4 (an empty moov, then one fragment per second of
 * video, each flushed as it is done), so that the file plays up to its last whole fragment at every moment: a run that
 * is stopped, killed or runs out of disk keeps a playable video of what was encoded. The run folder is fresh
 * ({@code RunFolder}), so the file is written in place.
 */
final class AnnotatedVideo implements VideoActionDetector.FrameSink, AutoCloseable {
    private final Path target;
    private final FFmpegFrameRecorder recorder;
    private final Java2DFrameConverter converter = new Java2DFrameConverter();
    private final OverlayPainter painter = new OverlayPainter();
    private final LabelMap labels;
    private final double threshold;
    private final int topK;
    private final int width;
    private final int height;
    private int written;

    /**
     * @param labels action names, or null for "action N"
     * @param threshold actions scoring below are not drawn
     */
    AnnotatedVideo(Path target, int width, int height, double fps, LabelMap labels, double threshold, int topK)
            throws IOException {
        this.target = target.toAbsolutePath();
        this.labels = labels;
        this.threshold = threshold;
        this.topK = topK;
        // MPEG-4 needs even dimensions; an odd last row/column is dropped
        this.width = width & ~1;
        this.height = height & ~1;
        Files.createDirectories(this.target.getParent());
        recorder = new FFmpegFrameRecorder(this.target.toFile(), this.width, this.height, 0);
        recorder.setFormat("mp4");
        // fragmented: playable up to the last whole fragment however the run ends
        recorder.setOption("movflags", "frag_keyframe+empty_moov+default_base_moof");
        recorder.setOption("flush_packets", "1");
        recorder.setGopSize(Math.max(1, (int) Math.round(fps)));
        recorder.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
        recorder.setFrameRate(fps);
        recorder.setVideoQuality(2);
        recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
        try {
            recorder.start();
        } catch (FrameRecorder.Exception e) {
            close();
            Files.deleteIfExists(this.target);
            throw new IOException(target + ": cannot start the MP4 encoder (" + FfmpegErrors.describe(e) + ")", e);
        }
    }

    @Override
    public void frame(StreamFrame frame, Prediction shown) throws IOException {
        BufferedImage img = frame.image();
        if (img.getWidth() != width || img.getHeight() != height) {
            img = img.getSubimage(0, 0, width, height);
        }
        BufferedImage out = painter.annotate(img, new FrameOverlay(frame.seconds(), null, boxes(shown)), width, height);
        try {
            recorder.record(converter.convert(out));
            written++;
        } catch (FrameRecorder.Exception e) {
            throw new IOException(target + ": MP4 encoding failed (" + FfmpegErrors.describe(e) + ")", e);
        }
    }

    /** One box per person: colour of its track id, "#id score" then up to top-k actions above the threshold. */
    List<DrawnBox> boxes(Prediction p) {
        List<DrawnBox> out = new ArrayList<>();
        if (p == null) {
            return out;
        }
        for (PersonActions a : p.people()) {
            List<String> lines = new ArrayList<>();
            lines.add(String.format(Locale.ROOT, "#%d %.2f", a.person().trackId(), a.person().score()));
            float[] probs = a.probabilities();
            if (probs != null) {
                List<Integer> ids = new ArrayList<>();
                for (int i = 0; i < probs.length; i++) {
                    if (probs[i] >= threshold && (labels == null || labels.contains(i + 1))) {
                        ids.add(i + 1);
                    }
                }
                ids.sort((x, y) -> Float.compare(probs[y - 1], probs[x - 1]));
                for (int id : ids.subList(0, Math.min(topK, ids.size()))) {
                    String name = labels != null ? labels.name(id) : "action " + id;
                    lines.add(String.format(Locale.ROOT, "%s %.2f", name, probs[id - 1]));
                }
            }
            out.add(new DrawnBox(a.person().box(), lines, a.person().trackId(), BoxStyle.DETECTION));
        }
        return out;
    }

    int written() {
        return written;
    }

    Path target() {
        return target;
    }

    /** Writes the last fragment and closes the encoder; a video without frames is deleted (false). */
    boolean finish() throws IOException {
        try {
            recorder.stop();
            recorder.release();
        } catch (FrameRecorder.Exception e) {
            throw new IOException(target + ": MP4 encoding failed (" + FfmpegErrors.describe(e) + ")", e);
        }
        if (written == 0) {
            Files.deleteIfExists(target);
            return false;
        }
        return true;
    }

    /** Releases the encoder; what was written stays (its whole fragments play). */
    @Override
    public void close() {
        try {
            recorder.release();
        } catch (FrameRecorder.Exception ignored) {
            // already released, or failing: the fragments written so far stay playable
        }
        converter.close();
    }
}
