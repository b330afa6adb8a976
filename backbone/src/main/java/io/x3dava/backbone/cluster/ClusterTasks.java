package io.x3dava.backbone.cluster;

import java.io.IOException;
import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceLoader;

/**
 * A distributed engine that runs tasks on executors. Implemented by the Spark module (scripts/spark), which is only on
 * the class path when {@code --master} is used; found through {@link ServiceLoader}.
 */
public interface ClusterTasks {

    /**
     * Runs {@code f} on every task and returns the results in task order, each task's result exactly once (a task
     * that failed or whose executor died is run again; only one attempt's result is kept).
     *
     * @throws IOException bad input found by an executor (a file it cannot read) or an unreachable master
     */
    <T extends Serializable, R extends Serializable> List<R> map(ClusterSettings settings, List<T> tasks,
                                                                 TaskFunction<T, R> f) throws IOException;

    /** The engine on the class path; none: one line saying how to get it. */
    static ClusterTasks find() {
        Iterator<ClusterTasks> it = ServiceLoader.load(ClusterTasks.class).iterator();
        if (!it.hasNext()) {
            throw new IllegalArgumentException("--master needs the Spark module (scripts/spark), which is not on the class"
                    + " path: run through scripts/x3d-ava, which builds it on the first use of --master");
        }
        return it.next();
    }
}
