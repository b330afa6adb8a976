package io.x3dava.detector.roi;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;


import java.io.PrintStream;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Benchmark: {@link RoiAlign} forward and forward+backward time on an AVA-sized case (res5 features of 8 clips,
 * (8, 192, 16, 16) at scale 1/32, 64 person boxes, 7x7 bins). Each iteration runs in a closed sub-manager; warm-up
 * iterations are not timed.
 */
@Command(name = "bench-roi-align", mixinStandardHelpOptions = true,
        description = "Times RoIAlign forward and forward+backward on an AVA-sized case; prints ms per call.")
public final class BenchRoiAlignCommand implements Callable<Integer> {
    @Option(names = "--batch", defaultValue = "8") int batch;
    @Option(names = "--channels", defaultValue = "192") int channels;
    @Option(names = "--size", defaultValue = "16", description = "feature map H = W") int size;
    @Option(names = "--boxes", defaultValue = "64") int boxes;
    @Option(names = "--output-size", defaultValue = "7") int outputSize;
    @Option(names = "--iterations", defaultValue = "20") int iterations;
    @Option(names = "--warmup", defaultValue = "3") int warmup;
    @Option(names = "--seed", defaultValue = "0") long seed;

    private final PrintStream out;

    public BenchRoiAlignCommand() {
        this(System.out);
    }

    BenchRoiAlignCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        if (batch < 1 || channels < 1 || size < 1 || boxes < 1 || outputSize < 1 || iterations < 1 || warmup < 0) {
            throw new IllegalArgumentException("--batch, --channels, --size, --boxes, --output-size and --iterations "
                    + "must be >= 1, --warmup >= 0");
        }
        RoiAlign op = new RoiAlign(new RoiAlignConfig(outputSize, 1.0 / 32, 0, true));
        try (NDManager base = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed((int) seed);
            NDArray features = base.randomNormal(new Shape(batch, channels, size, size));
            features.setRequiresGradient(true);
            NDArray rois = base.create(boxes(), new Shape(boxes, 5));
            double forward = time(base, features, rois, op, false);
            double both = time(base, features, rois, op, true);
            out.printf(Locale.ROOT, "threads: %d available processors%n", Runtime.getRuntime().availableProcessors());
            out.printf(Locale.ROOT, "case: features (%d, %d, %d, %d), %d boxes, %dx%d, %d warm-up + %d timed%n", batch,
                    channels, size, size, boxes, outputSize, outputSize, warmup, iterations);
            out.printf(Locale.ROOT, "roi-align forward: %.3f ms, forward+backward: %.3f ms%n", forward, both);
        }
        return 0;
    }

    /** Mean milliseconds per call. */
    private double time(NDManager base, NDArray features, NDArray rois, RoiAlign op, boolean backward) {
        long t0 = 0;
        for (int i = 0; i < warmup + iterations; i++) {
            if (i == warmup) {
                t0 = System.nanoTime();
            }
            try (NDManager it = base.newSubManager()) {
                it.tempAttachAll(features, rois);
                if (backward) {
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        gc.backward(op.forward(features, rois).sum());
                    }
                } else {
                    op.forward(features, rois).toFloatArray();
                }
            }
        }
        return (System.nanoTime() - t0) / 1e6 / iterations;
    }

    /** Person-sized boxes in input pixels (feature size x 32), spread over the batch. */
    private float[] boxes() {
        Random rng = new Random(seed);
        float side = size * 32f;
        float[] v = new float[boxes * 5];
        for (int k = 0; k < boxes; k++) {
            float w = side * (0.1f + 0.3f * rng.nextFloat());
            float h = side * (0.3f + 0.6f * rng.nextFloat());
            float x = (side - w) * rng.nextFloat();
            float y = (side - h) * rng.nextFloat();
            v[5 * k] = k % batch;
            v[5 * k + 1] = x;
            v[5 * k + 2] = y;
            v[5 * k + 3] = x + w;
            v[5 * k + 4] = y + h;
        }
        return v;
    }

}
