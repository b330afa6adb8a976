package io.x3dava.proposals;

import java.util.Arrays;

/**
 * A float numpy array read from a pickle: shape and values in C (row-major) order, widened to double (exact for
 * float32). Built in two steps as numpy does: {@code _reconstruct} makes an empty array, BUILD fills it.
 */
public final class NumpyArray {
    private long[] shape;
    private double[] values;

    NumpyArray() {
    }

    void set(long[] shape, double[] values) {
        this.shape = shape.clone();
        this.values = values;
    }

    /** False until the pickle's BUILD state has been applied (a truncated object graph). */
    public boolean isBuilt() {
        return shape != null;
    }

    public long[] shape() {
        return shape.clone();
    }

    public int dims() {
        return shape.length;
    }

    /** Element (row, col) of a 2-D array. */
    public double get(int row, int col) {
        return values[row * (int) shape[1] + col];
    }

    @Override
    public String toString() {
        return "ndarray" + Arrays.toString(shape);
    }
}
