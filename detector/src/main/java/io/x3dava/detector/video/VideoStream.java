package io.x3dava.detector.video;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegLogCallback;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.Java2DFrameConverter;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Frames in order from anything FFmpeg opens: a video file, a stream URL (rtsp://, http://...) or a V4L2 camera
 * (/dev/videoN). One pass, no seeking, so live sources work like files. A frame that fails to decode is reported
 * on {@code log} and skipped; after {@link #MAX_CONSECUTIVE_ERRORS} failures in a row the stream counts as dropped
 * and ends (reported too): what was read so far is still processed.
 */
public final class VideoStream implements AutoCloseable {
    /** A dropped network stream keeps failing; a damaged file fails for a few frames and recovers. */
    public static final int MAX_CONSECUTIVE_ERRORS = 25;

    static {
        FFmpegLogCallback.setLevel(avutil.AV_LOG_ERROR);
    }

    private final String source;
    private final FFmpegFrameGrabber grabber;
    private final Java2DFrameConverter converter = new Java2DFrameConverter();
    private final PrintStream log;
    private final double fps;
    private final long frameCount;
    private long firstTimestamp = Long.MIN_VALUE;
    private long lastIndex = -1;
    private int skipped;
    private boolean dropped;

    private VideoStream(String source, FFmpegFrameGrabber grabber, PrintStream log) {
        this.source = source;
        this.grabber = grabber;
        this.log = log;
        double r = grabber.getVideoFrameRate() > 0 ? grabber.getVideoFrameRate() : grabber.getFrameRate();
        this.fps = r > 0 && r < 1000 ? r : 25.0;
        long n = grabber.getLengthInVideoFrames();
        this.frameCount = n > 0 && !isLive(source) ? n : -1;
    }

    /** A file path, a URL, or a V4L2 device. */
    public static VideoStream open(String source, PrintStream log) throws IOException {
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(source);
        if (source.startsWith("/dev/video")) {
            g.setFormat("video4linux2");
        } else if (!source.contains("://") && !Files.isRegularFile(Path.of(source))) {
            throw new IOException(source + ": no such video file (expected a video file, a folder of them, a stream"
                    + " URL such as rtsp://... or a camera such as /dev/video0)");
        }
        if (source.startsWith("rtsp://")) {
            g.setOption("rtsp_transport", "tcp");
            g.setOption("timeout", "10000000"); // 10 s: a dead camera ends the run instead of hanging it
        }
        g.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
        try {
            g.start();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            try {
                g.release();
            } catch (FrameGrabber.Exception ignored) {
                // the open error is the one to report
            }
            throw new IOException(source + ": cannot open as a video (" + e.getMessage() + ")", e);
        }
        if (g.getImageWidth() <= 0 || g.getImageHeight() <= 0) {
            try {
                g.release();
            } catch (FrameGrabber.Exception ignored) {
                // reported below
            }
            throw new IOException(source + ": has no video stream");
        }
        return new VideoStream(source, g, log);
    }

    static boolean isLive(String source) {
        return source.contains("://") || source.startsWith("/dev/");
    }

    public String source() {
        return source;
    }

    public double fps() {
        return fps;
    }

    /** Frames in the file, or -1 when unknown (live sources). */
    public long frameCount() {
        return frameCount;
    }

    public int width() {
        return grabber.getImageWidth();
    }

    public int height() {
        return grabber.getImageHeight();
    }

    public int skippedFrames() {
        return skipped;
    }

    public boolean dropped() {
        return dropped;
    }

    /** The next frame, or null at the end (or when the stream dropped). */
    public StreamFrame next() {
        int errors = 0;
        while (true) {
            Frame f;
            try {
                f = grabber.grabImage();
            } catch (FrameGrabber.Exception | RuntimeException e) {
                skipped++;
                errors++;
                log.printf(Locale.ROOT, "%n%s: skipped an undecodable frame after %.2f s (%s)%n", source,
                        lastIndex < 0 ? 0.0 : lastIndex / fps, e.getMessage());
                if (errors >= MAX_CONSECUTIVE_ERRORS) {
                    dropped = true;
                    log.printf(Locale.ROOT, "%s: stream dropped after %d failed frames; keeping what was read%n",
                            source, errors);
                    return null;
                }
                continue;
            }
            if (f == null) {
                return null;
            }
            if (f.image == null) {
                continue;
            }
            if (firstTimestamp == Long.MIN_VALUE) {
                firstTimestamp = f.timestamp;
            }
            double seconds = (f.timestamp - firstTimestamp) / 1e6;
            long index = Math.round(seconds * fps);
            if (index <= lastIndex) {
                index = lastIndex + 1; // repeated or missing timestamps: keep the grid strictly increasing
                seconds = index / fps;
            }
            lastIndex = index;
            return new StreamFrame(index, seconds, Java2DFrameConverter.cloneBufferedImage(converter.convert(f)));
        }
    }

    @Override
    public void close() {
        try {
            grabber.release();
        } catch (FrameGrabber.Exception e) {
            log.println(source + ": close failed: " + e.getMessage());
        }
        converter.close();
    }
}
