package io.x3dava.backbone.video;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Frames of a video file (any container FFmpeg opens) via JavaCV. Frames are identified by their presentation
 * timestamp, not by counting decoded frames, so that seeking is frame-accurate: we seek to a point before the first
 * needed frame, decode forward and keep the frames whose pts-derived index is wanted. FFmpeg converts to RGB24 and
 * resizes (swscale), so no Java code touches pixels except one bulk row copy.
 */
public final class VideoFileSource implements FrameSource {
    /** Decoding forward is cheaper than seeking for gaps up to this many frames (about one GOP). */
    static final int FORWARD_GAP = 24;
    /** Seek this many frames before the target, so a slightly late landing still precedes it. */
    static final int SEEK_MARGIN = 3;

    static {
        FfmpegLog.quiet();
    }

    private final Path file;
    private final FFmpegFrameGrabber grabber;
    private final double fps;
    private final long frameCount;
    private final int width;
    private final int height;
    /** Timestamp (us, grabber convention) of frame 0, measured by decoding it. */
    private final long firstTimestamp;
    /** Index of the last frame decoded, -1 if the decoder position is unknown (forces a seek). */
    private long position = -1;
    /** Work counters (tests and benchmarks): frames returned by the decoder to us, and seeks. */
    private long grabbed;
    private long seeks;

    public VideoFileSource(Path file) throws IOException {
        this.file = file;
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": video file not found");
        }
        grabber = new FFmpegFrameGrabber(file.toFile());
        grabber.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
        try {
            grabber.start();
            if (grabber.getVideoStream() < 0 || grabber.getImageWidth() <= 0) {
                throw new IOException(file + ": no video stream");
            }
            fps = grabber.getVideoFrameRate() > 0 ? grabber.getVideoFrameRate() : grabber.getFrameRate();
            if (!(fps > 0)) {
                throw new IOException(file + ": unknown frame rate");
            }
            width = grabber.getImageWidth();
            height = grabber.getImageHeight();
            Frame first = grabber.grabFrame(false, true, false, false, false);
            if (first == null) {
                throw new IOException(file + ": no decodable video frame");
            }
            firstTimestamp = first.timestamp;
            position = 0;
            long n = grabber.getLengthInVideoFrames();
            frameCount = n > 0 ? n : Math.max(1, Math.round(grabber.getLengthInTime() / 1e6 * fps));
        } catch (FrameGrabber.Exception e) {
            closeQuietly();
            throw new IOException(file + ": cannot open video: " + FfmpegErrors.describe(e), e);
        } catch (IOException e) {
            closeQuietly();
            throw e;
        } catch (Exception | Error e) {
            closeQuietly();
            throw new IOException(file + ": cannot open video: " + FfmpegErrors.describe(e), e);
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public double fps() {
        return fps;
    }

    @Override
    public long frameCount() {
        return frameCount;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    /**
     * Decodes the video once, in order, keeping only the frames that the current or a later window needs (a ring of
     * recent frames); seeks only across gaps longer than a GOP. Same bytes as one {@link #read} per window.
     */
    @Override
    public ClipSequence sequence(List<long[]> windows, int shortSide) {
        return new VideoClipSequence(this, new WindowPlan(windows, frameCount), shortSide);
    }

    /**
     * Streams every decoded frame from the start: one seek, each frame converted once by FFmpeg's scaler straight
     * into one reused buffer (indices from timestamps, as in {@link #read}).
     */
    @Override
    public long decodeAll(int shortSide, FrameSink sink) throws IOException {
        int[] hw = outputSize(shortSide);
        byte[] frame = new byte[hw[0] * hw[1] * 3];
        long n = 0;
        try {
            seekTo(0, 0);
            Frame f;
            while ((f = grab(true)) != null) {
                copyRgb(f, frame, hw[1], hw[0]);
                sink.accept(indexOf(f.timestamp), frame, hw[0], hw[1]);
                n++;
            }
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(file + ": decoding failed: " + FfmpegErrors.describe(e), e);
        } finally {
            position = -1;
        }
        return n;
    }

    @Override
    public DecodedClip read(long[] frameIndices, int shortSide) throws IOException {
        IndexPlan plan = new IndexPlan(frameIndices, frameCount);
        int[] hw = outputSize(shortSide);
        int h = hw[0];
        int w = hw[1];
        byte[] out = new byte[plan.outputFrames() * h * w * 3];
        byte[] frame = new byte[h * w * 3];
        try {
            decodeForward(plan, frame, out, w, h);
        } catch (FrameGrabber.Exception e) {
            position = -1;
            throw new IOException(file + ": decoding failed: " + FfmpegErrors.describe(e), e);
        } catch (IOException e) {
            position = -1;
            throw e;
        } catch (Exception e) {
            position = -1;
            throw new IOException(file + ": decoding failed: " + FfmpegErrors.describe(e), e);
        }
        return new DecodedClip(out, plan.outputFrames(), h, w);
    }

    private void decodeForward(IndexPlan plan, byte[] frame, byte[] out, int w, int h) throws Exception {
        long[] wanted = plan.unique;
        int next = 0;
        int seekMargin = SEEK_MARGIN;
        // Set after a wrong guess (irregular timestamps): convert every frame for the rest of this read.
        boolean processAll = false;
        seekBefore(wanted[0], seekMargin);
        while (next < wanted.length) {
            // Convert (swscale) only frames that may be needed: any frame right after a seek (position unknown),
            // else the one whose index reaches the next wanted frame; others are decoded and dropped.
            boolean process = processAll || position < 0 || position + 1 >= wanted[next];
            Frame f = grab(process);
            if (f == null) {
                // Containers sometimes over-report their length: repeat the last frame we have.
                if (next > 0) {
                    while (next < wanted.length) {
                        plan.place(wanted[next++], frame, out);
                    }
                    return;
                }
                throw new IOException(file + ": end of stream before frame " + wanted[next]
                        + " (frame count " + frameCount + ")");
            }
            long idx = indexOf(f.timestamp);
            if (idx > wanted[next] && position < 0) {
                // Landed after the target (keyframe lookup overshot): seek further back and retry.
                if (seekMargin > 8 * FORWARD_GAP) {
                    throw new IOException(file + ": cannot seek to frame " + wanted[next]);
                }
                seekMargin *= 4;
                seekBefore(wanted[next], seekMargin);
                continue;
            }
            position = idx;
            while (next < wanted.length && wanted[next] < idx) {
                // Frame missing from the stream (variable rate): hold the previous decoded frame.
                if (next == 0) {
                    break;
                }
                plan.place(wanted[next++], frame, out);
            }
            if (next < wanted.length && wanted[next] <= idx) {
                if (!process) {
                    // The frame came earlier than predicted: re-decode it, this time converting every frame.
                    processAll = true;
                    position = -1;
                    seekBefore(wanted[next], SEEK_MARGIN);
                    continue;
                }
                copyRgb(f, frame, w, h);
                plan.place(wanted[next++], frame, out);
                while (next < wanted.length && wanted[next] == idx) {
                    next++;
                }
                if (next < wanted.length && wanted[next] - idx > FORWARD_GAP) {
                    seekBefore(wanted[next], SEEK_MARGIN);
                }
            }
        }
    }

    /** Sets the size FFmpeg's scaler converts to (picked up on the next converted frame); returns {h, w}. */
    int[] outputSize(int shortSide) {
        int[] hw = FrameSource.scaledSize(height, width, shortSide);
        grabber.setImageHeight(hw[0] == height ? 0 : hw[0]);
        grabber.setImageWidth(hw[1] == width ? 0 : hw[1]);
        return hw;
    }

    /** The next video frame; {@code convert} = run swscale to RGB (else the frame is only decoded). */
    Frame grab(boolean convert) throws Exception {
        grabbed++;
        return grabber.grabFrame(false, true, convert, false, false);
    }

    /** Frames the decoder handed us so far (frames decoded inside a seek, up to the target, not counted). */
    long grabbedFrames() {
        return grabbed;
    }

    long seekCount() {
        return seeks;
    }

    /** Index of the last decoded frame, -1 when unknown (after a seek or an error). */
    long position() {
        return position;
    }

    void position(long index) {
        position = index;
    }

    /** Seeks so that the next grabbed frame precedes {@code target} by at most {@code margin} frames. */
    void seekTo(long target, int margin) throws Exception {
        position = -1;
        seekBefore(target, margin);
    }

    /** Positions the decoder so that the next grabbed frame is at most {@code target}, seeking only if needed. */
    private void seekBefore(long target, int margin) throws Exception {
        if (position >= 0 && position < target && target - position <= FORWARD_GAP) {
            return;
        }
        long seekTo = Math.max(0, target - margin);
        seeks++;
        grabber.setVideoTimestamp(firstTimestamp + Math.round(seekTo * 1e6 / fps));
        position = -1;
    }

    long indexOf(long timestampMicros) {
        return Math.round((timestampMicros - firstTimestamp) * fps / 1e6);
    }

    /** Bulk copy of the packed RGB rows (FFmpeg pads rows to an aligned stride). */
    static void copyRgb(Frame f, byte[] dst, int w, int h) throws IOException {
        // imageChannels is derived from the padded stride, so check the stride instead.
        if (f.image == null || f.imageWidth != w || f.imageHeight != h || f.imageStride < w * 3) {
            throw new IOException("unexpected decoded frame " + f.imageWidth + "x" + f.imageHeight + " stride "
                    + f.imageStride + ", expected " + w + "x" + h + " RGB24");
        }
        ByteBuffer src = ((ByteBuffer) f.image[0]).duplicate();
        int row = w * 3;
        int stride = f.imageStride;
        if (stride == row) {
            src.position(0);
            src.get(dst, 0, row * h);
            return;
        }
        for (int y = 0; y < h; y++) {
            src.position(y * stride);
            src.get(dst, y * row, row);
        }
    }

    private void closeQuietly() {
        try {
            grabber.close();
        } catch (Exception ignored) {
            // already failing; the original error matters
        }
    }

    @Override
    public void close() throws IOException {
        try {
            grabber.close();
        } catch (Exception e) {
            throw new IOException(file + ": close failed: " + e.getMessage(), e);
        }
    }
}
