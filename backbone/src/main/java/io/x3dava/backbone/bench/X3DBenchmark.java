package io.x3dava.backbone.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;

import io.x3dava.backbone.classify.ClipLosses;
import io.x3dava.backbone.train.SgdConfig;
import io.x3dava.backbone.train.SgdOptimizer;
import io.x3dava.backbone.x3d.X3DConfig;
import io.x3dava.backbone.x3d.X3DInit;
import io.x3dava.backbone.x3d.X3DNetwork;

import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Times one freshly initialised X3D network on random clips of its training shape. Every iteration runs inside an
 * NDManager sub-manager that is closed at its end (the input is temp-attached to it, so the outputs, the graph and
 * the intermediates are freed); warm-up iterations are not timed. Inference runs in eval mode outside any
 * GradientCollector (autograd off); a training step is forward (training mode), softmax cross-entropy, backward and
 * one Nesterov SGD update with the X3D recipe's settings.
 */
public final class X3DBenchmark implements AutoCloseable {

    private static final double LR = 0.01;

    private final X3DConfig config;
    private final NDManager manager;
    private final X3DNetwork net;
    private final ParameterStore ps;
    private final long seed;

    /** Builds the network in a sub-manager of {@code base}; {@link #close()} frees it. */
    public X3DBenchmark(X3DConfig config, NDManager base, long seed) {
        this.config = config;
        this.seed = seed;
        this.manager = base.newSubManager();
        this.net = X3DInit.newNetwork(config, manager, seed);
        this.ps = new ParameterStore(manager, false);
    }

    public X3DConfig config() {
        return config;
    }

    /** Clips per second of eval-mode forward passes at {@code batch}. */
    public double inferenceClipsPerSecond(int batch, int warmup, int iterations) {
        requireCounts(batch, warmup, iterations);
        try (NDManager inputs = manager.newSubManager()) {
            NDArray clips = randomClips(inputs, batch);
            long t0 = 0;
            for (int i = 0; i < warmup + iterations; i++) {
                if (i == warmup) {
                    t0 = System.nanoTime();
                }
                infer(clips);
            }
            return batch * (double) iterations / seconds(t0);
        }
    }

    /** Training steps per second at {@code batch}. */
    public double trainingStepsPerSecond(int batch, int warmup, int iterations) {
        requireCounts(batch, warmup, iterations);
        try (NDManager inputs = manager.newSubManager();
             SgdOptimizer opt = new SgdOptimizer(SgdConfig.x3d(5e-5), parameters(), noDecay(), inputs)) {
            NDArray clips = randomClips(inputs, batch);
            NDArray oneHot = oneHot(inputs, batch);
            long t0 = 0;
            for (int i = 0; i < warmup + iterations; i++) {
                if (i == warmup) {
                    t0 = System.nanoTime();
                }
                try (NDManager step = manager.newSubManager();
                     GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    step.tempAttachAll(clips, oneHot);
                    NDArray logits = net.forward(ps, new NDList(clips), true).singletonOrThrow();
                    gc.backward(ClipLosses.softmaxCrossEntropy(logits, oneHot));
                }
                opt.step(LR);
            }
            return iterations / seconds(t0);
        }
    }

    /** One eval-mode forward pass of {@code clips}; everything it creates is closed before returning. */
    public void infer(NDArray clips) {
        try (NDManager step = manager.newSubManager()) {
            step.tempAttachAll(clips);
            NDArray logits = net.forward(ps, new NDList(clips), false).singletonOrThrow();
            logits.toFloatArray(); // the result is read, as a caller would
        }
    }

    /** Random normal clips of the network's training shape, attached to {@code m}. */
    public NDArray randomClips(NDManager m, int batch) {
        Engine.getInstance().setRandomSeed((int) seed);
        return m.randomNormal(net.trainingInputShape(batch));
    }

    private NDArray oneHot(NDManager m, int batch) {
        int classes = config.numClasses();
        float[] values = new float[batch * classes];
        Random rng = new Random(seed);
        for (int i = 0; i < batch; i++) {
            values[i * classes + rng.nextInt(classes)] = 1f;
        }
        return m.create(values, new Shape(batch, classes));
    }

    private Map<String, Parameter> parameters() {
        return net.referenceParameters();
    }

    private Set<String> noDecay() {
        return X3DInit.batchNormKeys(parameters().keySet());
    }

    private static void requireCounts(int batch, int warmup, int iterations) {
        if (batch < 1 || warmup < 0 || iterations < 1) {
            throw new IllegalArgumentException("need batch >= 1, warmup >= 0, iterations >= 1; got batch " + batch
                    + ", warmup " + warmup + ", iterations " + iterations);
        }
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    @Override
    public void close() {
        manager.close();
    }
}
