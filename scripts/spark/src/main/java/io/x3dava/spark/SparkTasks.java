package io.x3dava.spark;

import io.x3dava.annotations.command.ExitCodeException;
import io.x3dava.annotations.command.ExitCodes;
import io.x3dava.backbone.cluster.ClusterSettings;
import io.x3dava.backbone.cluster.ClusterTasks;
import io.x3dava.backbone.cluster.TaskFunction;

import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.spark.SparkConf;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * {@link ClusterTasks} on Apache Spark: the tasks become an RDD of one partition each, mapped by the task function on
 * the executors and collected. collect() keeps exactly one successful attempt per partition, so a task retried after a
 * failure or a lost executor leaves neither a duplicate nor a hole; results come back in partition (= task) order.
 */
public final class SparkTasks implements ClusterTasks {

    /** How long the driver tries to reach a standalone master before saying it is not there. */
    private static final int MASTER_CONNECT_MILLIS = 5000;

    /** The master URLs Spark 3.5 knows (local, local[N], local[N,F], local[*], spark://, yarn, k8s://, mesos://). */
    private static final Pattern MASTER_URL = Pattern.compile(
            "local(\\[(\\*|[1-9][0-9]*)(,[1-9][0-9]*)?])?|(spark|k8s|mesos)://.+|yarn");

    @Override
    public <T extends Serializable, R extends Serializable> List<R> map(ClusterSettings settings, List<T> tasks,
                                                                        TaskFunction<T, R> f) throws IOException {
        if (tasks.isEmpty()) {
            return List.of();
        }
        if (!MASTER_URL.matcher(settings.master()).matches()) {
            throw new IllegalArgumentException("--master " + settings.master() + ": expected local[N], "
                    + "spark://HOST:PORT, yarn or k8s://HOST:PORT");
        }
        MasterAddress address = MasterAddress.of(settings.master());
        if (address != null) {
            address.requireReachable(MASTER_CONNECT_MILLIS);
        }
        SparkConf conf = SparkSettings.of(settings, address);
        JavaSparkContext sc;
        try {
            sc = new JavaSparkContext(conf);
        } catch (Exception e) { // Scala throws checked exceptions undeclared
            throw new IOException("--master " + settings.master() + ": Spark did not start: " + firstLine(e), e);
        }
        boolean local = settings.master().toLowerCase(Locale.ROOT).startsWith("local");
        JobProgress progress = JobProgress.start(sc.sc(), System.err, tasks.size());
        try (sc; ExecutorWatch watch = local ? null : ExecutorWatch.start(sc.sc(), settings.executorWaitSeconds())) {
            try {
                return sc.parallelize(tasks, tasks.size()).map(t -> f.apply(t, TaskContext.get().cpus())).collect();
            } catch (Exception e) { // SparkException is checked but undeclared
                if (shuttingDown()) {
                    // Ctrl-C or SIGTERM: Spark's own shutdown hook stopped the context under the job
                    throw new ExitCodeException(ExitCodes.STOPPED, "stopped (SIGINT or SIGTERM): the Spark job was cancelled;"
                            + " what its finished tasks wrote stays");
                }
                String given = watch != null ? watch.reason() : null;
                throw given != null ? new ExitCodeException(ExitCodes.FAILURE, given) : translate(e);
            }
        } finally {
            progress.close();
        }
    }

    /** Whether the JVM is shutting down (a hook can then no longer be added). */
    private static boolean shuttingDown() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
        } catch (IllegalStateException e) {
            return true;
        }
        Runtime.getRuntime().removeShutdownHook(probe);
        return false;
    }

    /**
     * A failed job as one line: bad input found by an executor (a file it cannot read) stays bad input; anything
     * else (an executor that died on every attempt, a bug) is a failure.
     */
    static RuntimeException translate(Exception e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof IOException || t instanceof IllegalArgumentException) {
                return new IllegalArgumentException(t.getMessage(), t);
            }
        }
        // a task's exception reaches the driver as text inside the job's message
        Matcher m = EXECUTOR_INPUT_ERROR.matcher(String.valueOf(e.getMessage()));
        if (m.find()) {
            return new IllegalArgumentException(m.group(1).trim(), e);
        }
        return new ExitCodeException(ExitCodes.FAILURE, "the Spark job failed: " + firstLine(e));
    }

    /** The message of an I/O or argument error thrown by a task, in a job failure's text. */
    private static final Pattern EXECUTOR_INPUT_ERROR = Pattern.compile(
            "\\): (?:java\\.io\\.\\w*IOException|java\\.nio\\.file\\.\\w+Exception|java\\.lang\\.IllegalArgumentException)"
                    + ": ([^\\n]*)");

    private static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
