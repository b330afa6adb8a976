package io.x3dava.backbone.cluster;

/**
 * Where and how to run a job's tasks.
 *
 * @param master the engine's master URL (Spark's: local[N], spark://host:port, yarn, k8s://...)
 * @param appName the job's name in the engine's UI
 * @param executorWaitSeconds how long the job may go on without a single live executor before it is given up
 */
public record ClusterSettings(String master, String appName, int executorWaitSeconds) {

    public ClusterSettings {
        if (master == null || master.isBlank()) {
            throw new IllegalArgumentException("--master: expected a master URL such as local[2] or spark://host:7077");
        }
        requireExecutorWait(executorWaitSeconds);
    }

    /** Checks an {@code --executor-wait} value. */
    static void requireExecutorWait(int executorWaitSeconds) {
        if (executorWaitSeconds < 1) {
            throw new IllegalArgumentException("--executor-wait " + executorWaitSeconds + ": expected seconds >= 1");
        }
    }
}
