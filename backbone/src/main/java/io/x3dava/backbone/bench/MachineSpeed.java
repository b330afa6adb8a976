package io.x3dava.backbone.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * What the CPU attains through libtorch (a large float32 matmul, GFLOP/s with 2 FLOPs per multiply-add) and what one
 * NDArray op costs through DJL when it does almost nothing (a 1-element add, result closed): the fixed cost per op
 * that a network with many small ops pays on top of its arithmetic.
 */
public final class MachineSpeed {

    private MachineSpeed() {
    }

    /** Best of {@code reps} n x n matmuls, in GFLOP/s. */
    public static double matmulGflops(NDManager base, int n, int reps) {
        try (NDManager m = base.newSubManager()) {
            NDArray a = m.randomNormal(new Shape(n, n));
            NDArray b = m.randomNormal(new Shape(n, n));
            a.matMul(b).close(); // warm-up: thread pool, packing buffers
            double best = Double.MAX_VALUE;
            for (int i = 0; i < reps; i++) {
                long t0 = System.nanoTime();
                a.matMul(b).close();
                best = Math.min(best, (System.nanoTime() - t0) / 1e9);
            }
            return 2.0 * n * n * (double) n / best / 1e9;
        }
    }

    /** Microseconds per tiny op through DJL (create + native call + close), median of 5 batches of {@code ops}. */
    public static double microsPerOp(NDManager base, int ops) {
        try (NDManager m = base.newSubManager()) {
            NDArray x = m.ones(new Shape(1));
            double[] batches = new double[5];
            for (int k = 0; k < batches.length; k++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < ops; i++) {
                    x.add(x).close();
                }
                batches[k] = (System.nanoTime() - t0) / 1e3 / ops;
            }
            return InterleavedRounds.minMedianMax(batches)[1];
        }
    }
}
