package io.x3dava.backbone.bench;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

import java.util.Locale;

/**
 * Thread settings a benchmark depends on: the JVM's processors, the DJL properties that set PyTorch's thread pools
 * (read by PtEngine at start-up) and the values PyTorch reports.
 *
 * @param processors Runtime.availableProcessors()
 * @param numThreadsProperty ai.djl.pytorch.num_threads, null when unset
 * @param interopProperty ai.djl.pytorch.num_interop_threads, null when unset
 * @param intraOp torch.get_num_threads()
 * @param interOp torch.get_num_interop_threads()
 * @param gradMode whether autograd records outside a GradientCollector
 */
public record TorchThreads(int processors, String numThreadsProperty, String interopProperty, int intraOp,
                           int interOp, boolean gradMode) {

    public static final String NUM_THREADS = "ai.djl.pytorch.num_threads";
    public static final String NUM_INTEROP = "ai.djl.pytorch.num_interop_threads";

    /** Starts the PyTorch engine if needed and reads the settings. */
    public static TorchThreads current() {
        Engine.getEngine("PyTorch");
        return new TorchThreads(Runtime.getRuntime().availableProcessors(), System.getProperty(NUM_THREADS),
                System.getProperty(NUM_INTEROP), JniUtils.getNumThreads(), JniUtils.getNumInteropThreads(),
                JniUtils.isGradMode());
    }

    public String describe() {
        return String.format(Locale.ROOT, "threads: %d available processors; torch intra-op %d, inter-op %d "
                + "(%s=%s, %s=%s); grad mode outside GradientCollector: %s", processors, intraOp, interOp,
                NUM_THREADS, numThreadsProperty == null ? "unset" : numThreadsProperty, NUM_INTEROP,
                interopProperty == null ? "unset" : interopProperty, gradMode ? "on" : "off");
    }
}
