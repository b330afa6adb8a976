package io.x3dava.viewer;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegLogCallback;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.Java2DFrameConverter;

/** A video file decoded by FFmpeg (JavaCV). */
public final class VideoFileSource implements FrameSource {
    static {
        // FFmpeg's own log goes to stderr unless routed; quiet by default, errors surface as exceptions
        FFmpegLogCallback.setLevel(org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR);
    }

    private final Path file;
    private final FFmpegFrameGrabber grabber;
    private final Java2DFrameConverter converter = new Java2DFrameConverter();

    private VideoFileSource(Path file, FFmpegFrameGrabber grabber) {
        this.file = file;
        this.grabber = grabber;
    }

    public static VideoFileSource open(Path file) throws IOException {
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile());
        try {
            g.start();
        } catch (FrameGrabber.Exception e) {
            closeQuietly(g);
            throw new IOException(file + ": cannot open as a video (" + e.getMessage() + ")", e);
        }
        if (g.getImageWidth() <= 0) {
            closeQuietly(g);
            throw new IOException(file + ": has no video stream");
        }
        return new VideoFileSource(file, g);
    }

    private static void closeQuietly(FFmpegFrameGrabber g) {
        try {
            g.release();
        } catch (FrameGrabber.Exception ignored) {
            // already failing: the open error is the one to report
        }
    }

    @Override
    public String videoId() {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    @Override
    public double frameRate() {
        double r = grabber.getFrameRate();
        return r > 0 ? r : 30.0;
    }

    @Override
    public double duration() {
        return grabber.getLengthInTime() / 1e6;
    }

    @Override
    public int width() {
        return grabber.getImageWidth();
    }

    @Override
    public int height() {
        return grabber.getImageHeight();
    }

    @Override
    public void seek(double seconds) throws IOException {
        try {
            // JavaCV decodes forward from the preceding key frame up to the requested time
            grabber.setVideoTimestamp(Math.max(0L, Math.round(seconds * 1e6)));
        } catch (FrameGrabber.Exception e) {
            throw new IOException(file + ": seek to " + seconds + " s failed (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public VideoFrame next() throws IOException {
        try {
            Frame f = grabber.grabImage();
            if (f == null) {
                return null;
            }
            BufferedImage img = converter.convert(f);
            return new VideoFrame(img, f.timestamp / 1e6);
        } catch (FrameGrabber.Exception e) {
            throw new IOException(file + ": decoding failed (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            grabber.release();
        } catch (FrameGrabber.Exception e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        converter.close();
    }
}
