package io.x3dava.backbone.cluster;

import picocli.CommandLine.Option;

/** The options of a command that can spread its work over a cluster ({@code --master}). */
public final class ClusterOptions {

    @Option(names = "--master", paramLabel = "URL", description = "run the work on Apache Spark: local[N], "
            + "spark://host:port (scripts/spark-cluster start), yarn, k8s://...; default: in this process")
    String master;

    @Option(names = "--executor-wait", defaultValue = "120", paramLabel = "SECONDS",
            description = "with --master: give the job up after this long without any live executor "
                    + "(default: ${DEFAULT-VALUE})")
    int executorWaitSeconds;

    /**
     * Checks the values even without {@code --master}: a bad value is a mistake in the command line whether or not
     * this run uses it, and is reported before any work starts.
     */
    public void check() {
        ClusterSettings.requireExecutorWait(executorWaitSeconds);
    }

    /** Whether the work goes to a cluster. */
    public boolean given() {
        return master != null;
    }

    /** The settings of a job named {@code appName}. */
    public ClusterSettings settings(String appName) {
        return new ClusterSettings(master, appName, executorWaitSeconds);
    }
}
