package io.x3dava.detector.video;

import io.x3dava.backbone.video.FfmpegErrors;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * Frames in order from anything FFmpeg opens: a video file, a stream URL (rtsp://, udp://, http://, srt://...) or a V4L2
 * camera (/dev/videoN). One pass, no seeking, so live sources work like files. A frame that fails to decode is
 * reported on {@code log} and skipped; after {@link #MAX_CONSECUTIVE_ERRORS} failures in a row the stream counts as
 * dropped and ends (reported too): what was read so far is still processed.
 *
 * <p>Network sources get FFmpeg's read timeouts ({@link StreamSettings#timeoutSeconds}), so a source that dies ends
 * the run instead of hanging it, and are probed for as long: a stream joined between two key frames is waited on
 * until its first key frame. A live source that ends or goes silent is "dropped" (reported with the time), or with
 * {@link StreamSettings#reconnect} opened again after a back-off, the gap kept in {@link #gaps()}.
 */
public final class VideoStream implements AutoCloseable {
    /** A dropped network stream keeps failing; a damaged file fails for a few frames and recovers. */
    public static final int MAX_CONSECUTIVE_ERRORS = 25;
    /** Back-off between reconnection attempts: 1, 2, 4 ... up to this many seconds. */
    static final double MAX_BACKOFF_SECONDS = 30;

    static {
        FFmpegLogCallback.setLevel(avutil.AV_LOG_ERROR);
    }

    private final String source;
    private final PrintStream log;
    private final StreamSettings settings;
    private final BooleanSupplier stop;
    private final Java2DFrameConverter converter = new Java2DFrameConverter();
    private final List<StreamGap> gaps = new ArrayList<>();
    private FFmpegFrameGrabber grabber;
    private final double fps;
    private final long frameCount;
    private final int width;
    private final int height;
    private long firstTimestamp = Long.MIN_VALUE;
    /** Video time at which the current connection's first frame is placed (after a reconnection: the gap's end). */
    private double offsetSeconds;
    private double lastSeconds = -1;
    private long lastIndex = -1;
    private long lastFrameNanos = System.nanoTime();
    private int skipped;
    private String dropReason;

    private VideoStream(String source, FFmpegFrameGrabber grabber, PrintStream log, StreamSettings settings,
                        BooleanSupplier stop) {
        this.source = source;
        this.grabber = grabber;
        this.log = log;
        this.settings = settings;
        this.stop = stop;
        double r = grabber.getVideoFrameRate() > 0 ? grabber.getVideoFrameRate() : grabber.getFrameRate();
        this.fps = r > 0 && r < 1000 ? r : 25.0;
        long n = grabber.getLengthInVideoFrames();
        this.frameCount = n > 0 && !isLive(source) ? n : -1;
        this.width = grabber.getImageWidth();
        this.height = grabber.getImageHeight();
    }

    /** A file path, a URL, or a V4L2 device, with the default timeout and no reconnection. */
    public static VideoStream open(String source, PrintStream log) throws IOException {
        return open(source, log, StreamSettings.defaults(), () -> false);
    }

    /**
     * @param stop polled between frames and while waiting to reconnect: true ends the stream (a stop request)
     */
    public static VideoStream open(String source, PrintStream log, StreamSettings settings, BooleanSupplier stop)
            throws IOException {
        if (!isLive(source) && !Files.isRegularFile(Path.of(source))) {
            throw new IOException(source + ": no such video file (expected a video file, a folder of them, a stream"
                    + " URL such as rtsp://... or a camera such as /dev/video0)");
        }
        if (isLive(source)) {
            log.printf(Locale.ROOT, "%s: connecting, waiting up to %s s for data and the first key frame"
                    + " (--stream-timeout)%n", source, seconds(settings.timeoutSeconds()));
        }
        return new VideoStream(source, start(source, settings), log, settings, stop);
    }

    private static FFmpegFrameGrabber start(String source, StreamSettings settings) throws IOException {
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(source);
        String us = Long.toString(settings.timeoutMicros());
        if (source.startsWith("/dev/video")) {
            g.setFormat("video4linux2");
        } else if (source.contains("://")) {
            // every protocol: a read that waits longer than this fails instead of blocking for ever
            g.setOption("rw_timeout", us);
            String scheme = source.substring(0, source.indexOf("://")).toLowerCase(Locale.ROOT);
            switch (scheme) {
                case "rtsp", "rtsps" -> {
                    g.setOption("rtsp_transport", "tcp");
                    g.setOption("timeout", us);
                }
                case "udp", "rtp" -> {
                    g.setOption("timeout", us);
                    // a slow reader loses packets (then frames) instead of the whole stream ("circular buffer overrun")
                    g.setOption("overrun_nonfatal", "1");
                }
                case "http", "https", "srt", "tcp" -> g.setOption("timeout", us);
                default -> { }
            }
            // a stream joined between two key frames has no picture size until its next key frame: probe that long
            g.setOption("analyzeduration", us);
            g.setOption("probesize", Integer.toString(64 << 20));
        }
        g.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
        if (isLive(source)) {
            // joined between key frames, the decoder complains about every frame until the first key frame: quiet
            // until then (the wait is announced, and its failure is reported below)
            FFmpegLogCallback.setLevel(avutil.AV_LOG_FATAL);
        }
        long t0 = System.nanoTime();
        try {
            g.start();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            release(g);
            double waited = (System.nanoTime() - t0) / 1e9;
            if (isLive(source) && waited >= 0.9 * settings.timeoutSeconds()) {
                throw new IOException(source + ": no data within " + seconds(settings.timeoutSeconds())
                        + " s (--stream-timeout): is the source running and reachable?", e);
            }
            if (!isLive(source) && Files.size(Path.of(source)) == 0) {
                throw new IOException(source + ": empty file (0 bytes); expected a video file", e);
            }
            String m = FfmpegErrors.isInvalidData(e)
                    ? "FFmpeg finds no video it can read: not a video file, or a damaged or truncated one"
                    : FfmpegErrors.describe(e);
            throw new IOException(source + ": cannot open as a video (" + m + ")", e);
        }
        if (g.getVideoStream() < 0 || g.getImageWidth() <= 0 || g.getImageHeight() <= 0) {
            release(g);
            if (isLive(source)) {
                throw new IOException(source + ": no key frame within " + seconds(settings.timeoutSeconds())
                        + " s (--stream-timeout): no data came, the stream holds no video, or its key frames are"
                        + " further apart (raise --stream-timeout or shorten the sender's GOP)");
            }
            throw new IOException(source + ": has no video stream");
        }
        return g;
    }

    private static void release(FFmpegFrameGrabber g) {
        try {
            g.release();
        } catch (FrameGrabber.Exception | RuntimeException ignored) {
            // the open error is the one to report
        }
    }

    static String seconds(double s) {
        return s == Math.rint(s) ? Long.toString((long) s) : String.format(Locale.ROOT, "%.1f", s);
    }

    static boolean isLive(String source) {
        return source.contains("://") || source.startsWith("/dev/");
    }

    public String source() {
        return source;
    }

    public boolean live() {
        return isLive(source);
    }

    public double fps() {
        return fps;
    }

    /** Frames in the file, or -1 when unknown (live sources). */
    public long frameCount() {
        return frameCount;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int skippedFrames() {
        return skipped;
    }

    /** Whether the source ended early (a live source ended or went silent, or frames kept failing). */
    public boolean dropped() {
        return dropReason != null;
    }

    /** Why the source ended early, or null. */
    public String dropReason() {
        return dropReason;
    }

    /** Video time of the last frame read, or -1 before the first one. */
    public double lastSeconds() {
        return lastSeconds;
    }

    /** The gaps of a reconnected live source, in order. */
    public List<StreamGap> gaps() {
        return List.copyOf(gaps);
    }

    /** The next frame, or null at the end (or when the stream dropped, or a stop was requested). */
    public StreamFrame next() {
        int errors = 0;
        while (true) {
            if (stop.getAsBoolean()) {
                return null;
            }
            Frame f;
            try {
                f = grabber.grabImage();
            } catch (FrameGrabber.Exception | RuntimeException e) {
                skipped++;
                errors++;
                log.printf(Locale.ROOT, "%n%s: skipped an undecodable frame after %.2f s (%s)%n", source,
                        Math.max(0, lastSeconds), FfmpegErrors.describe(e));
                if (errors >= MAX_CONSECUTIVE_ERRORS) {
                    if (reconnect(errors + " failed frames in a row")) {
                        errors = 0;
                        continue;
                    }
                    return null;
                }
                continue;
            }
            if (f == null) {
                if (live()) {
                    double idle = (System.nanoTime() - lastFrameNanos) / 1e9;
                    // UDP and RTP have no end of stream: only silence
                    String why = idle >= 0.9 * settings.timeoutSeconds() || source.startsWith("udp://")
                            || source.startsWith("rtp://")
                            ? "no data for " + seconds(settings.timeoutSeconds()) + " s (--stream-timeout)"
                            : "the source ended";
                    if (!stop.getAsBoolean() && reconnect(why)) {
                        continue;
                    }
                }
                return null;
            }
            if (f.image == null) {
                continue;
            }
            lastFrameNanos = System.nanoTime();
            if (firstTimestamp == Long.MIN_VALUE) {
                FFmpegLogCallback.setLevel(avutil.AV_LOG_ERROR); // a picture: from here on errors are worth seeing
                firstTimestamp = f.timestamp;
            }
            double seconds = offsetSeconds + (f.timestamp - firstTimestamp) / 1e6;
            long index = Math.round(seconds * fps);
            if (index <= lastIndex) {
                index = lastIndex + 1; // repeated or missing timestamps: keep the grid strictly increasing
                seconds = index / fps;
            }
            lastIndex = index;
            lastSeconds = seconds;
            return new StreamFrame(index, seconds, Java2DFrameConverter.cloneBufferedImage(converter.convert(f)));
        }
    }

    /**
     * The source ended or failed: with --reconnect, opens it again (back-off 1, 2, 4 ... 30 s, until it answers or a
     * stop is requested) and returns true; otherwise marks the stream dropped and returns false.
     */
    private boolean reconnect(String why) {
        double at = Math.max(0, lastSeconds);
        if (!settings.reconnect() || !live()) {
            dropReason = why;
            log.printf(Locale.ROOT, "%n%s: stream dropped at %.2f s (%s); keeping what was read%n", source, at, why);
            return false;
        }
        long lost = System.nanoTime();
        log.printf(Locale.ROOT, "%n%s: stream lost at %.2f s (%s); reconnecting (--reconnect)%n", source, at, why);
        release(grabber);
        double backoff = 1;
        while (!stop.getAsBoolean()) {
            try {
                grabber = start(source, settings);
                break;
            } catch (IOException e) {
                log.printf(Locale.ROOT, "%s: reconnection failed (%s); next attempt in %s s%n", source, e.getMessage(),
                        seconds(backoff));
                if (!sleep(backoff)) {
                    break;
                }
                backoff = Math.min(MAX_BACKOFF_SECONDS, backoff * 2);
            }
        }
        if (stop.getAsBoolean()) {
            dropReason = why + "; stopped while reconnecting";
            return false;
        }
        // the new connection's clock starts anywhere: place its first frame after the wall-clock time lost
        double gap = (System.nanoTime() - lost) / 1e9;
        offsetSeconds = at + 1 / fps + gap;
        firstTimestamp = Long.MIN_VALUE;
        gaps.add(new StreamGap(at + 1 / fps, offsetSeconds, why));
        log.printf(Locale.ROOT, "%s: reconnected; gap of %.1f s marked in run.json%n", source, gap);
        return true;
    }

    /** Sleeps in small steps so that a stop request is seen; false when stopped. */
    private boolean sleep(double seconds) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            if (stop.getAsBoolean()) {
                return false;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        FFmpegLogCallback.setLevel(avutil.AV_LOG_ERROR);
        try {
            grabber.release();
        } catch (FrameGrabber.Exception e) {
            log.println(source + ": close failed: " + e.getMessage());
        }
        converter.close();
    }
}
