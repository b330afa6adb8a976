package io.x3dava.backbone.checkpoint;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One named tensor of a checkpoint.
 *
 * @param data contiguous row-major little-endian values, exactly {@code numel * dtype.byteSize()} bytes; the accessor
 *             returns a fresh read-only view (position 0, little-endian) so callers cannot disturb each other
 */
public record TensorData(String name, TensorDType dtype, long[] shape, ByteBuffer data) {

    public TensorData {
        if (name == null || dtype == null || shape == null || data == null) {
            throw new NullPointerException("name, dtype, shape and data are required");
        }
        shape = shape.clone();
        long expected = byteCount(dtype, shape);
        if (data.remaining() != expected) {
            throw new IllegalArgumentException(name + ": " + data.remaining() + " bytes for shape "
                    + Arrays.toString(shape) + " of " + dtype + " (expected " + expected + ")");
        }
        data = data.slice().asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Number of elements (1 for a scalar of shape []). */
    public static long numel(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** Bytes a contiguous tensor of this type and shape occupies. */
    static long byteCount(TensorDType dtype, long[] shape) {
        return Math.multiplyExact(numel(shape), (long) dtype.byteSize());
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public ByteBuffer data() {
        return data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    public long numel() {
        return numel(shape);
    }

    /** All values converted to float32 (int64 and float64 lose precision, bool gives 0 or 1). */
    public float[] toFloatArray() {
        long n = numel();
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException(name + ": " + n + " elements do not fit a Java array");
        }
        float[] out = new float[(int) n];
        ByteBuffer b = data();
        for (int i = 0; i < out.length; i++) {
            out[i] = switch (dtype) {
                case FLOAT32 -> b.getFloat(i * 4);
                case FLOAT64 -> (float) b.getDouble(i * 8);
                case FLOAT16 -> Float16.toFloat(b.getShort(i * 2));
                case BFLOAT16 -> Float.intBitsToFloat((b.getShort(i * 2) & 0xffff) << 16);
                case INT64 -> (float) b.getLong(i * 8);
                case INT32 -> (float) b.getInt(i * 4);
                case INT16 -> b.getShort(i * 2);
                case INT8 -> b.get(i);
                case UINT8 -> b.get(i) & 0xff;
                case BOOL -> b.get(i) != 0 ? 1f : 0f;
            };
        }
        return out;
    }

    /** Value equality (the generated one compares array and buffer identity/position only). */
    @Override
    public boolean equals(Object o) {
        return o instanceof TensorData t && name.equals(t.name) && dtype == t.dtype
                && Arrays.equals(shape, t.shape) && data.equals(t.data);
    }

    @Override
    public int hashCode() {
        return (name.hashCode() * 31 + dtype.hashCode()) * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + " " + dtype + " " + Arrays.toString(shape);
    }
}
