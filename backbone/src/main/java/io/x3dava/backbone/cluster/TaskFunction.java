package io.x3dava.backbone.cluster;

import java.io.Serializable;

/**
 * The work of one task, run on an executor. It is shipped there serialized, so it holds only what names the job
 * (recipe text, paths); what is costly to build (a loaded network) it keeps in a per-JVM cache of its own, so that an
 * executor builds it once and reuses it for every task it runs.
 *
 * @param <T> the task (for example a video and a keyframe range)
 * @param <R> its result, sent back to the driver
 */
@FunctionalInterface
public interface TaskFunction<T extends Serializable, R extends Serializable> extends Serializable {

    /**
     * @param cpus the cores the engine gave this task: the libtorch and decoding threads it may use
     */
    R apply(T task, int cpus) throws Exception;
}
