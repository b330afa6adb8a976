package io.x3dava.backbone.train;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Training progress: a redrawn bar with loss, lr, clips/s and ETA on a terminal, plain log lines (every
 * {@code logEvery} steps and at the end of each epoch) otherwise.
 */
public final class ProgressReporter {

    private final PrintStream out;
    private final boolean terminal;
    private final int logEvery;
    private final long started = System.nanoTime();

    public ProgressReporter(PrintStream out, int logEvery) {
        this(out, System.console() != null && System.getenv("CI") == null, logEvery);
    }

    ProgressReporter(PrintStream out, boolean terminal, int logEvery) {
        this.out = out;
        this.terminal = terminal;
        this.logEvery = Math.max(1, logEvery);
    }

    /**
     * @param stepsDone optimizer steps finished in this run (for the ETA)
     * @param stepsTotal steps this run will do
     */
    public void step(int epoch, int maxEpoch, int batch, int batches, double loss, double lr, double clipsPerSecond,
                     long stepsDone, long stepsTotal) {
        double elapsed = (System.nanoTime() - started) / 1e9;
        double eta = stepsDone == 0 ? Double.NaN : elapsed / stepsDone * (stepsTotal - stepsDone);
        String text = String.format(Locale.ROOT, "epoch %d/%d %s %d/%d loss %.4f lr %.4g %.1f clips/s ETA %s",
                epoch, maxEpoch, bar(batch, batches), batch, batches, loss, lr, clipsPerSecond, duration(eta));
        if (terminal) {
            out.print("\r" + text + "   ");
            if (batch == batches) {
                out.println();
            }
            out.flush();
        } else if (batch % logEvery == 0 || batch == batches) {
            out.println(text);
        }
    }

    public void message(String text) {
        out.println(text);
    }

    private static String bar(int done, int total) {
        int width = 20;
        int filled = total == 0 ? width : (int) ((long) done * width / total);
        return "[" + "#".repeat(filled) + ".".repeat(width - filled) + "]";
    }

    static String duration(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "--:--";
        }
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
    }
}
