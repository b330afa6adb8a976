package io.x3dava.viewer;

import java.io.IOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decodes on its own thread and delivers frames at the playback speed. All source access happens on that thread;
 * the public methods only queue commands, so the UI thread never waits for FFmpeg. No JavaFX here: the listener
 * decides how frames reach the screen.
 */
public final class Player implements AutoCloseable {
    /** Called on the decoding thread. {@link #frame} must copy the image before returning: the source reuses it. */
    public interface Listener {
        void frame(VideoFrame frame);

        void playingChanged(boolean playing);

        void error(Exception e);
    }

    /** A queued command; returns true when it moved the position (a frame decoded before it is then stale). */
    @FunctionalInterface
    private interface Command {
        boolean run() throws IOException;
    }

    /** Waiting less than this is not worth a timed poll. */
    private static final long MIN_WAIT_NANOS = 1_000_000;
    /** Further behind than this, playback resynchronises instead of rushing to catch up. */
    private static final double MAX_LAG_SECONDS = 0.25;

    private final Listener listener;
    private final BlockingQueue<Command> commands = new LinkedBlockingQueue<>();
    private final AtomicLong seekGeneration = new AtomicLong();
    private final Thread thread;
    private volatile boolean closed;
    private volatile double speed = 1.0;
    // decoding thread only
    private FrameCursor source;
    private boolean playing;
    private long lastIndex;
    private long anchorNanos;
    private double anchorTime = Double.NaN;

    public Player(Listener listener) {
        this.listener = listener;
        this.thread = new Thread(this::loop, "x3dava-decoder");
        thread.setDaemon(true);
        thread.start();
    }

    /** Takes ownership of the source (closes the previous one) and shows its first frame. */
    public void open(FrameCursor newSource) {
        commands.add(() -> {
            setPlaying(false);
            if (source != null) {
                source.close();
            }
            source = newSource;
            source.seek(0);
            return showNext();
        });
    }

    public void play() {
        commands.add(() -> {
            setPlaying(source != null);
            return false;
        });
    }

    public void pause() {
        commands.add(() -> {
            setPlaying(false);
            return false;
        });
    }

    public void togglePlay() {
        commands.add(() -> {
            setPlaying(!playing && source != null);
            return false;
        });
    }

    /** Speed factor (1 = real time). */
    public void setSpeed(double factor) {
        if (!(factor > 0)) {
            throw new IllegalArgumentException("speed must be > 0, got " + factor);
        }
        speed = factor;
        commands.add(() -> false); // wake the loop so that it re-anchors at the new speed
    }

    /** Shows the frame nearest to the video time (within half a frame). Seeks queued behind a newer one are skipped (slider drags). */
    public void seek(double videoTime) {
        long gen = seekGeneration.incrementAndGet();
        commands.add(() -> {
            if (source == null || gen != seekGeneration.get()) {
                return false;
            }
            source.seek(videoTime);
            return showNext();
        });
    }

    /** Shows frame {@code index} (a keyframe jump); queued like {@link #seek}, so a newer seek wins. */
    public void seekFrame(long index) {
        long gen = seekGeneration.incrementAndGet();
        commands.add(() -> {
            if (source == null || gen != seekGeneration.get()) {
                return false;
            }
            source.seekFrame(index);
            return showNext();
        });
    }

    /** One frame forward or back (pauses). */
    public void step(int frames) {
        commands.add(() -> {
            if (source == null) {
                return false;
            }
            setPlaying(false);
            source.seekFrame(Math.max(0, Math.min(source.clock().frameCount() - 1, lastIndex + frames)));
            return showNext();
        });
    }

    private boolean showNext() throws IOException {
        VideoFrame f = source.next();
        if (f != null) {
            lastIndex = f.index();
            listener.frame(f);
        }
        anchorTime = Double.NaN;
        return true;
    }

    private void setPlaying(boolean p) {
        if (p != playing) {
            playing = p;
            anchorTime = Double.NaN;
            listener.playingChanged(p);
        }
    }

    private void loop() {
        while (!closed) {
            try {
                if (!playing) {
                    runCommand(commands.take());
                    continue;
                }
                Command c = commands.poll();
                if (c != null) {
                    runCommand(c);
                    continue;
                }
                playOneFrame();
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                playing = false;
                listener.playingChanged(false);
                listener.error(e);
            }
        }
    }

    private void runCommand(Command c) throws IOException {
        c.run();
        anchorTime = Double.NaN;
    }

    private void playOneFrame() throws IOException, InterruptedException {
        VideoFrame f = source.next();
        if (f == null) {
            setPlaying(false); // end of video
            return;
        }
        if (Double.isNaN(anchorTime)) {
            anchorNanos = System.nanoTime();
            anchorTime = f.time();
        }
        long due = anchorNanos + (long) ((f.time() - anchorTime) / speed * 1e9);
        long wait = due - System.nanoTime();
        if (wait > MIN_WAIT_NANOS) {
            Command c = commands.poll(wait, TimeUnit.NANOSECONDS);
            if (c != null) {
                boolean moved = c.run();
                anchorTime = Double.NaN;
                if (moved || !playing) {
                    return; // this frame is stale
                }
            }
        } else if (-wait > MAX_LAG_SECONDS * 1e9) {
            anchorTime = Double.NaN;
        }
        lastIndex = f.index();
        listener.frame(f);
    }

    @Override
    public void close() {
        commands.add(() -> {
            closed = true;
            if (source != null) {
                source.close();
                source = null;
            }
            return false;
        });
    }
}
