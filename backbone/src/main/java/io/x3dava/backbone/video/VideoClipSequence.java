package io.x3dava.backbone.video;

import org.bytedeco.javacv.Frame;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link ClipSequence} of a video file: decodes forward once and converts (swscale, at the clip's size) only the
 * frames some remaining window needs, caching them until their last window has been read. AVA keyframes 1 s apart
 * with overlapping windows then cost about one second of decoding each instead of a seek plus decoding from the
 * previous I-frame (up to a GOP, e.g. 250 frames) per keyframe.
 * <p>
 * Frames map to indices by timestamp exactly as in {@link VideoFileSource#read}, and each frame is converted by the
 * same scaler at the same size, so the clips are the same bytes as with one read per window.
 */
final class VideoClipSequence implements ClipSequence {
    /** Spare frame buffers kept for reuse. */
    private static final int POOL = 16;

    private final VideoFileSource src;
    private final WindowPlan plan;
    private final int shortSide;
    private final int h;
    private final int w;
    private final TreeMap<Long, byte[]> cache = new TreeMap<>();
    private final ArrayDeque<byte[]> pool = new ArrayDeque<>();
    private final byte[] scratch;
    private int next;
    /** Keyframes seen while decoding: the longest interval tells when seeking beats decoding forward. */
    private long lastKey = -1;
    private long maxKeyInterval;

    VideoClipSequence(VideoFileSource src, WindowPlan plan, int shortSide) {
        this.src = src;
        this.plan = plan;
        this.shortSide = shortSide;
        int[] hw = FrameSource.scaledSize(src.height(), src.width(), shortSide);
        h = hw[0];
        w = hw[1];
        scratch = new byte[h * w * 3];
    }

    @Override
    public int remaining() {
        return plan.windows.length - next;
    }

    @Override
    public DecodedClip next() throws IOException {
        int wi = next++;
        IndexPlan win = plan.windows[wi];
        try {
            src.outputSize(shortSide);
            fill(win, wi);
            byte[] out = new byte[win.outputFrames() * h * w * 3];
            for (long u : win.unique) {
                win.place(u, cache.get(u), out);
            }
            return new DecodedClip(out, win.outputFrames(), h, w);
        } catch (IOException e) {
            src.position(-1);
            throw e;
        } catch (Exception e) {
            src.position(-1);
            throw new IOException(src.file() + ": decoding failed: " + e.getMessage(), e);
        } finally {
            evict(wi + 1);
        }
    }

    /** Decodes until every frame of window wi is cached. */
    private void fill(IndexPlan win, int wi) throws Exception {
        long[] missing = java.util.Arrays.stream(win.unique).filter(u -> !cache.containsKey(u)).toArray();
        if (missing.length == 0) {
            return;
        }
        int k = 0;
        int margin = VideoFileSource.SEEK_MARGIN;
        boolean processAll = false;
        // Last frame converted in this pass: held for frames missing from the stream, repeated past its end.
        byte[] last = null;
        long pos = src.position();
        if (pos < 0 || missing[0] <= pos || missing[0] - pos > seekGap(pos)) {
            src.seekTo(missing[0], margin);
        }
        while (k < missing.length) {
            pos = src.position();
            long predicted = pos < 0 ? -1 : pos + 1;
            boolean process = processAll || pos < 0 || predicted >= missing[k] || plan.neededFrom(predicted, wi);
            Frame f = src.grab(process);
            if (f == null) {
                if (last == null) {
                    throw new IOException(src.file() + ": end of stream before frame " + missing[k]
                            + " (frame count " + src.frameCount() + ")");
                }
                // Containers sometimes over-report their length: repeat the last frame, as read() does.
                while (k < missing.length) {
                    cache.put(missing[k++], copy(last));
                }
                src.position(-1);
                return;
            }
            long idx = src.indexOf(f.timestamp);
            if (pos < 0 && idx > missing[k]) {
                // Landed after the target (keyframe lookup overshot): seek further back and retry.
                if (margin > 8 * VideoFileSource.FORWARD_GAP) {
                    throw new IOException(src.file() + ": cannot seek to frame " + missing[k]);
                }
                margin *= 4;
                src.seekTo(missing[k], margin);
                continue;
            }
            src.position(idx);
            noteKeyframe(f, idx);
            boolean neededHere = idx >= missing[k];
            if (!process) {
                if (neededHere) {
                    // The frame came earlier than predicted: re-decode, converting every frame this time.
                    processAll = true;
                    src.seekTo(missing[k], VideoFileSource.SEEK_MARGIN);
                }
                // A frame only a later window needs is left out; that window seeks back for it.
                continue;
            }
            byte[] buf = plan.neededFrom(idx, wi) && !cache.containsKey(idx) ? take() : scratch;
            VideoFileSource.copyRgb(f, buf, w, h);
            if (buf != scratch) {
                cache.put(idx, buf);
            }
            while (k < missing.length && missing[k] < idx) {
                // Frame absent from the stream (variable rate): hold the previous frame, or use this one.
                cache.put(missing[k++], copy(last != null ? last : buf));
            }
            last = buf;
            while (k < missing.length && cache.containsKey(missing[k])) {
                k++;
            }
            if (k < missing.length && missing[k] - idx > seekGap(idx)) {
                src.seekTo(missing[k], VideoFileSource.SEEK_MARGIN);
            }
        }
    }

    /**
     * Beyond this gap seeking is cheaper than decoding forward: a seek restarts at the I-frame before the target, at
     * most a GOP back, so the gap must exceed the longest keyframe interval seen (and the run since the last one).
     */
    private long seekGap(long pos) {
        long sinceKey = lastKey >= 0 && pos >= lastKey ? pos - lastKey : 0;
        return Math.max(VideoFileSource.FORWARD_GAP, Math.max(maxKeyInterval, sinceKey));
    }

    private void noteKeyframe(Frame f, long idx) {
        if (f.keyFrame) {
            if (lastKey >= 0 && idx > lastKey) {
                maxKeyInterval = Math.max(maxKeyInterval, idx - lastKey);
            }
            lastKey = idx;
        }
    }

    private byte[] take() {
        byte[] b = pool.poll();
        return b != null ? b : new byte[h * w * 3];
    }

    private byte[] copy(byte[] frame) {
        byte[] b = take();
        System.arraycopy(frame, 0, b, 0, b.length);
        return b;
    }

    /** Drops frames no window from {@code fromWindow} on needs. */
    private void evict(int fromWindow) {
        for (Iterator<Map.Entry<Long, byte[]>> it = cache.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, byte[]> e = it.next();
            if (!plan.neededFrom(e.getKey(), fromWindow)) {
                if (pool.size() < POOL) {
                    pool.add(e.getValue());
                }
                it.remove();
            }
        }
    }

    @Override
    public void close() {
        cache.clear();
        pool.clear();
    }
}
