package io.x3dava.backbone.checkpoint;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/** Validates strided views against their storage and turns them into contiguous row-major bytes. */
final class TensorViews {
    static final int MAX_DIMS = 64;
    /** A ByteBuffer is int-indexed. */
    static final long MAX_TENSOR_BYTES = Integer.MAX_VALUE - 64;

    private TensorViews() {
    }

    /** Every element the view addresses lies inside the storage, and the result fits a ByteBuffer. */
    static void check(StorageRef storage, long offset, long[] size, long[] stride) throws PickleException {
        if (size.length > MAX_DIMS || size.length != stride.length) {
            throw new PickleException("tensor " + describe(storage, offset, size, stride) + " has bad dimensions");
        }
        if (offset < 0) {
            throw new PickleException("tensor " + describe(storage, offset, size, stride) + " has a negative offset");
        }
        try {
            long numel = 1;
            long last = offset;
            for (int i = 0; i < size.length; i++) {
                if (size[i] < 0 || stride[i] < 0) {
                    throw new PickleException("tensor " + describe(storage, offset, size, stride) + " has a negative size or stride");
                }
                numel = Math.multiplyExact(numel, size[i]);
                if (size[i] > 0) {
                    last = Math.addExact(last, Math.multiplyExact(size[i] - 1, stride[i]));
                }
            }
            if (numel == 0 ? offset > storage.numel() : last >= storage.numel()) {
                throw new PickleException("tensor " + describe(storage, offset, size, stride) + " reaches past the end of its storage");
            }
            if (Math.multiplyExact(numel, storage.dtype().byteSize()) > MAX_TENSOR_BYTES) {
                throw new PickleException("tensor " + describe(storage, offset, size, stride)
                        + " is larger than 2 GiB, which is not supported");
            }
        } catch (ArithmeticException e) {
            throw new PickleException("tensor " + describe(storage, offset, size, stride) + " overflows 64-bit arithmetic");
        }
    }

    private static String describe(StorageRef storage, long offset, long[] size, long[] stride) {
        return "view (offset " + offset + ", size " + Arrays.toString(size) + ", stride " + Arrays.toString(stride)
                + ") of a storage of " + storage.numel() + " elements";
    }

    static boolean isContiguous(long[] size, long[] stride) {
        long expected = 1;
        for (int i = size.length - 1; i >= 0; i--) {
            if (size[i] != 1 && stride[i] != expected) {
                return false;
            }
            expected *= size[i];
        }
        return true;
    }

    /**
     * The view's elements in row-major order. Contiguous views share {@code storage}'s bytes; others are copied
     * (general strides, e.g. a transposed weight or a stride-0 expansion), charged to {@code budget}.
     *
     * @param storage the storage's bytes, element 0 at position 0; the caller has checked the view with
     *                {@link #check}
     */
    static ByteBuffer materialise(ByteBuffer storage, int elementSize, long offset, long[] size, long[] stride,
                                  CopyBudget budget, String name) throws CheckpointFormatException {
        long numel = TensorData.numel(size);
        int nbytes = (int) (numel * elementSize);
        if (isContiguous(size, stride)) {
            return storage.slice((int) (offset * elementSize), nbytes).order(ByteOrder.LITTLE_ENDIAN);
        }
        budget.take(nbytes, "tensor '" + name + "' (a strided view)");
        ByteBuffer out = ByteBuffer.allocate(nbytes).order(ByteOrder.LITTLE_ENDIAN);
        if (numel == 0) {
            return out;
        }
        int dims = size.length;
        long[] index = new long[dims];
        int inner = dims - 1; // the last dimension is walked in a tight loop, everything else by an odometer
        long innerSize = size[inner];
        long innerStride = stride[inner];
        long base = offset;
        byte[] element = new byte[elementSize];
        while (true) {
            if (innerStride == 1) {
                out.put(storage.slice((int) (base * elementSize), (int) (innerSize * elementSize)));
            } else {
                for (long j = 0, e = base; j < innerSize; j++, e += innerStride) {
                    storage.get((int) (e * elementSize), element);
                    out.put(element);
                }
            }
            int d = inner - 1;
            while (d >= 0) {
                index[d]++;
                base += stride[d];
                if (index[d] < size[d]) {
                    break;
                }
                base -= stride[d] * size[d];
                index[d] = 0;
                d--;
            }
            if (d < 0) {
                break;
            }
        }
        return out.flip();
    }
}
