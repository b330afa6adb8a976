package io.x3dava.detector.video;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar on stderr: frames done, frames/s and, when the length is known, percent and ETA; for live
 * sources the lag (wall-clock time since the first frame minus the video time reached: flat when the run keeps up).
 */
final class ProgressLine {
    private static final int WIDTH = 30;
    private final PrintStream err;
    private final String label;
    private final long total;
    private final long start = System.nanoTime();
    private long lastPrint;
    private long firstFrame;
    private double videoSeconds = -1;

    ProgressLine(PrintStream err, String label, long total) {
        this.err = err;
        this.label = label;
        this.total = total;
    }

    void update(long frames, int people, double seconds) {
        long now = System.nanoTime();
        if (videoSeconds < 0) {
            firstFrame = now;
        }
        videoSeconds = seconds;
        if (now - lastPrint < 500_000_000L) {
            return;
        }
        lastPrint = now;
        err.print("\r" + line(frames, people, (now - start) / 1e9));
        err.flush();
    }

    void finish(long frames, int people) {
        err.println("\r" + line(frames, people, (System.nanoTime() - start) / 1e9));
    }

    String line(long frames, int people, double seconds) {
        double fps = seconds > 0 ? frames / seconds : 0;
        if (total <= 0) {
            String lag = videoSeconds < 0 ? "" : String.format(Locale.ROOT, ", lag %.1f s",
                    (lastPrint - firstFrame) / 1e9 - videoSeconds);
            return String.format(Locale.ROOT, "%s %d frames, %.1f frames/s, %d tracks%s", label, frames, fps, people,
                    lag);
        }
        double f = Math.min(1.0, frames / (double) total);
        int filled = (int) Math.round(f * WIDTH);
        double eta = fps > 0 ? (total - frames) / fps : Double.NaN;
        return String.format(Locale.ROOT, "%s [%s%s] %3.0f%% %d/%d frames, %.1f frames/s, ETA %s, %d tracks", label,
                "#".repeat(filled), " ".repeat(WIDTH - filled), 100 * f, frames, total, fps, duration(eta), people);
    }

    static String duration(double s) {
        if (Double.isNaN(s)) {
            return "?";
        }
        long t = Math.max(0, Math.round(s));
        return t >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", t / 3600, t / 60 % 60)
                : String.format(Locale.ROOT, "%dm%02ds", t / 60, t % 60);
    }
}
