package io.x3dava.backbone.checkpoint;

/** Element types a checkpoint tensor can have; every value is stored little-endian. */
public enum TensorDType {
    FLOAT32(4), FLOAT64(8), FLOAT16(2), BFLOAT16(2), INT64(8), INT32(4), INT16(2), INT8(1), UINT8(1), BOOL(1);

    private final int byteSize;

    TensorDType(int byteSize) {
        this.byteSize = byteSize;
    }

    /** Bytes per element. */
    public int byteSize() {
        return byteSize;
    }
}
