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

    @Override
    public <T extends Serializable, R extends Serializable> List<R> map(ClusterSettings settings, List<T> tasks,
                                                                        TaskFunction<T, R> f) throws IOException {
        if (tasks.isEmpty()) {
            return List.of();
        }
        MasterAddress address = MasterAddress.of(settings.master());
        if (address != null) {
            address.requireReachable(MASTER_CONNECT_MILLIS);
        }
        SparkConf conf = SparkSettings.of(settings, address);
        JavaSparkContext sc;
        try {
            sc = new JavaSparkContext(conf);
        } catch (RuntimeException e) {
            throw new IOException("--master " + settings.master() + ": Spark did not start: " + firstLine(e), e);
        }
        boolean local = settings.master().toLowerCase(Locale.ROOT).startsWith("local");
        try (sc; ExecutorWatch watch = local ? null : ExecutorWatch.start(sc.sc(), settings.executorWaitSeconds())) {
            try {
                return sc.parallelize(tasks, tasks.size()).map(t -> f.apply(t, TaskContext.get().cpus())).collect();
            } catch (RuntimeException e) {
                String given = watch != null ? watch.reason() : null;
                throw given != null ? new ExitCodeException(ExitCodes.FAILURE, given) : translate(e);
            }
        }
    }

    /**
     * A failed job as one line: bad input found by an executor (a file it cannot read) stays bad input; anything
     * else (an executor that died on every attempt, a bug) is a failure.
     */
    private static RuntimeException translate(RuntimeException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof IOException || t instanceof IllegalArgumentException) {
                return new IllegalArgumentException(t.getMessage(), t);
            }
        }
        return new ExitCodeException(ExitCodes.FAILURE, "the Spark job failed: " + firstLine(e));
    }

    private static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
