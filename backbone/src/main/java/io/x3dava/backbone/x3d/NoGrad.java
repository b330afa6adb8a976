package io.x3dava.backbone.x3d;

import ai.djl.pytorch.jni.JniUtils;

/**
 * Autograd off on the calling thread for a scope, then as it was. libtorch's grad mode is per thread and DJL's
 * PyTorch engine turns it off only on the thread that started the engine: inference on any other thread (a Spark
 * task, a pool's worker) would record the graph of every operation whose inputs require grad, paying time and memory
 * for a backward pass that never comes.
 */
public final class NoGrad implements AutoCloseable {
    private final boolean was;

    private NoGrad() {
        was = JniUtils.isGradMode();
        if (was) {
            JniUtils.setGradMode(false);
        }
    }

    /** Turns autograd off on this thread until {@link #close}. */
    public static NoGrad enter() {
        return new NoGrad();
    }

    @Override
    public void close() {
        if (was) {
            JniUtils.setGradMode(true);
        }
    }
}
