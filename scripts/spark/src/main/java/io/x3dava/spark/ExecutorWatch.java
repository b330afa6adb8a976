package io.x3dava.spark;

import org.apache.spark.SparkContext;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Gives a job up when it has had no live executor for a while (every worker dead, or none with enough free cores or
 * memory): Spark itself would wait for executors forever. Checks the driver's executor list once a second.
 */
final class ExecutorWatch implements AutoCloseable {

    private final SparkContext sc;
    private final int waitSeconds;
    private final ScheduledExecutorService timer;
    private long lastSeen = System.nanoTime();
    private volatile String reason;

    private ExecutorWatch(SparkContext sc, int waitSeconds) {
        this.sc = sc;
        this.waitSeconds = waitSeconds;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "x3dava-executor-watch");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts watching the executors of {@code sc} (not for local masters: there the driver is the executor). */
    static ExecutorWatch start(SparkContext sc, int waitSeconds) {
        ExecutorWatch w = new ExecutorWatch(sc, waitSeconds);
        w.timer.scheduleWithFixedDelay(w::check, 1, 1, TimeUnit.SECONDS);
        return w;
    }

    private void check() {
        // the list holds the driver too
        int executors = sc.statusTracker().getExecutorInfos().length - 1;
        long now = System.nanoTime();
        if (executors > 0) {
            lastSeen = now;
        } else if (reason == null && now - lastSeen > TimeUnit.SECONDS.toNanos(waitSeconds)) {
            reason = "no live Spark executor for " + waitSeconds + " s (workers dead, or none with the free cores and"
                    + " memory a task asks for; see the master's web UI): the job was given up";
            sc.cancelAllJobs();
        }
    }

    /** Why the job was given up; null while it was not. */
    String reason() {
        return reason;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
