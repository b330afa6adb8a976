package io.x3dava.backbone.cluster;

import org.bytedeco.opencv.global.opencv_core;

/**
 * The native thread pools of an executor JVM sized to the cores the engine gives a task, so that the tasks running
 * side by side divide the machine's cores instead of each taking all of them.
 */
public final class ExecutorThreads {

    private ExecutorThreads() {
    }

    /**
     * libtorch's intra-op threads = {@code cpus} and one inter-op thread. libtorch reads these once, when the engine
     * starts (the first task of the JVM); a value set by the user ({@code -Dai.djl.pytorch.num_threads}) wins.
     */
    public static void libtorch(int cpus) {
        System.setProperty("ai.djl.pytorch.num_threads",
                System.getProperty("ai.djl.pytorch.num_threads", Integer.toString(cpus)));
        System.setProperty("ai.djl.pytorch.num_interop_threads",
                System.getProperty("ai.djl.pytorch.num_interop_threads", "1"));
    }

    /** OpenCV's parallel loops (the HOG person detector) on {@code cpus} threads; OpenCV would use every core. */
    public static void opencv(int cpus) {
        opencv_core.setNumThreads(cpus);
    }
}
