package io.x3dava.spark;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;

/**
 * A listener on the driver (installed with spark.extraListeners) that lets a test see which executor runs tasks and
 * how many tasks have ended.
 */
public final class TaskProbe extends SparkListener {

    static final AtomicInteger ENDED = new AtomicInteger();
    /** Tasks running per executor id. */
    static final Map<String, AtomicInteger> RUNNING = new ConcurrentHashMap<>();

    @Override
    public void onTaskStart(SparkListenerTaskStart e) {
        RUNNING.computeIfAbsent(e.taskInfo().executorId(), k -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd e) {
        RUNNING.computeIfAbsent(e.taskInfo().executorId(), k -> new AtomicInteger()).decrementAndGet();
        ENDED.incrementAndGet();
    }

    /** Forgets an earlier job's tasks (executor ids repeat from one application to the next). */
    static void reset() {
        ENDED.set(0);
        RUNNING.clear();
    }

    /** An executor running a task now, once some task has ended; else null. */
    static String busyExecutor() {
        if (ENDED.get() == 0) {
            return null;
        }
        for (Map.Entry<String, AtomicInteger> e : RUNNING.entrySet()) {
            if (e.getValue().get() > 0) {
                return e.getKey();
            }
        }
        return null;
    }
}
