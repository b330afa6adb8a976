package io.x3dava.spark;

import org.apache.spark.SparkContext;
import org.apache.spark.Success$;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A line on stderr every {@value #PERIOD_SECONDS} s while a job runs and its counts change (tasks done of all,
 * running, failed attempts, time), so that an hours-long job over a corpus shows it is moving. Spark's own console
 * progress bar is off: it redraws a line that a log file keeps every time. The counts come from task events on the
 * driver's listener bus (the status tracker's stage counts lag behind them).
 */
final class JobProgress extends SparkListener implements AutoCloseable {
    static final int PERIOD_SECONDS = 10;

    private final PrintStream err;
    private final int tasks;
    private final long start = System.nanoTime();
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final ScheduledExecutorService timer;
    private final SparkContext sc;
    private String last = "";

    private JobProgress(SparkContext sc, PrintStream err, int tasks) {
        this.sc = sc;
        this.err = err;
        this.tasks = tasks;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "x3dava-job-progress");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts reporting the job of {@code tasks} tasks that {@code sc} is about to run. */
    static JobProgress start(SparkContext sc, PrintStream err, int tasks) {
        JobProgress p = new JobProgress(sc, err, tasks);
        sc.addSparkListener(p);
        p.timer.scheduleWithFixedDelay(p::report, PERIOD_SECONDS, PERIOD_SECONDS, TimeUnit.SECONDS);
        return p;
    }

    @Override
    public void onTaskStart(SparkListenerTaskStart e) {
        started.incrementAndGet();
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd e) {
        (e.reason() == Success$.MODULE$ ? done : failed).incrementAndGet();
    }

    private void report() {
        int d = done.get();
        int f = failed.get();
        String counts = String.format(Locale.ROOT, "%d/%d tasks done, %d running%s", d, tasks,
                Math.max(0, started.get() - d - f), f > 0 ? ", " + f + " failed attempts (run again)" : "");
        if (!counts.equals(last)) {
            last = counts;
            long s = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
            err.printf(Locale.ROOT, "spark: %s after %d:%02d%n", counts, s / 60, s % 60);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        sc.removeSparkListener(this);
    }
}
