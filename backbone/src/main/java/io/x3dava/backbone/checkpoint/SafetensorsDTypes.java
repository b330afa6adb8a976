package io.x3dava.backbone.checkpoint;

import java.util.Map;

/** The dtype names of the safetensors header. */
final class SafetensorsDTypes {
    private static final Map<String, TensorDType> BY_NAME = Map.of(
            "F32", TensorDType.FLOAT32, "F64", TensorDType.FLOAT64, "F16", TensorDType.FLOAT16,
            "BF16", TensorDType.BFLOAT16, "I64", TensorDType.INT64, "I32", TensorDType.INT32,
            "I16", TensorDType.INT16, "I8", TensorDType.INT8, "U8", TensorDType.UINT8, "BOOL", TensorDType.BOOL);

    private SafetensorsDTypes() {
    }

    /** The dtype, or null if the name is not one we support. */
    static TensorDType fromName(String name) {
        return BY_NAME.get(name);
    }

    static String name(TensorDType dtype) {
        return switch (dtype) {
            case FLOAT32 -> "F32";
            case FLOAT64 -> "F64";
            case FLOAT16 -> "F16";
            case BFLOAT16 -> "BF16";
            case INT64 -> "I64";
            case INT32 -> "I32";
            case INT16 -> "I16";
            case INT8 -> "I8";
            case UINT8 -> "U8";
            case BOOL -> "BOOL";
        };
    }
}
