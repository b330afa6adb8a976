package io.x3dava.backbone.x3d;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;

import io.x3dava.backbone.checkpoint.TensorDType;
import io.x3dava.backbone.checkpoint.TensorData;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies a checkpoint's state dict (PySlowFast or PyTorchVideo keys) into a network's reference-named parameters and
 * back. Every key is accounted for: loaded, missing, unexpected, shape mismatch or deliberately skipped.
 */
public final class X3DStateDict {

    private X3DStateDict() {
    }

    /**
     * Loads {@code source} into {@code target}.
     *
     * @param strict when true, any missing, unexpected or mismatched key fails the load before anything is copied
     * @param excludedPrefixes checkpoint keys starting with one of these are skipped (e.g. "head.projection." when
     *     fine-tuning to a new class count)
     * @throws WeightMismatchException in strict mode, naming every offending key
     */
    public static WeightLoadReport load(Map<String, Parameter> target, Map<String, TensorData> source, boolean strict,
                                        List<String> excludedPrefixes) throws WeightMismatchException {
        Map<String, TensorData> src = normaliseKeys(source);
        List<String> loaded = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        List<String> mismatches = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Map<String, TensorData> toCopy = new LinkedHashMap<>();
        for (Map.Entry<String, TensorData> e : src.entrySet()) {
            String key = e.getKey();
            if (key.endsWith(".num_batches_tracked") || excludedPrefixes.stream().anyMatch(key::startsWith)) {
                skipped.add(key);
                continue;
            }
            Parameter p = target.get(key);
            if (p == null) {
                unexpected.add(key);
                continue;
            }
            long[] want = p.getArray().getShape().getShape();
            long[] have = e.getValue().shape();
            if (!Arrays.equals(want, have)) {
                mismatches.add(key + ": checkpoint " + Arrays.toString(have) + " vs network " + Arrays.toString(want));
                continue;
            }
            toCopy.put(key, e.getValue());
        }
        List<String> missing = new ArrayList<>();
        for (String key : target.keySet()) {
            boolean excluded = excludedPrefixes.stream().anyMatch(key::startsWith);
            if (!src.containsKey(key) && !excluded) {
                missing.add(key);
            }
        }
        WeightLoadReport report = new WeightLoadReport(loaded, missing, unexpected, mismatches, skipped);
        if (strict && !report.isExact()) {
            throw new WeightMismatchException(report.summary());
        }
        for (Map.Entry<String, TensorData> e : toCopy.entrySet()) {
            target.get(e.getKey()).getArray().set(e.getValue().toFloatArray());
            loaded.add(e.getKey());
        }
        return report;
    }

    /** PyTorchVideo keys are renamed to PySlowFast's; a "module." prefix (DataParallel checkpoints) is dropped. */
    static Map<String, TensorData> normaliseKeys(Map<String, TensorData> source) {
        boolean ptv = PyTorchVideoKeys.looksLikePyTorchVideo(source.keySet());
        Map<String, TensorData> out = new LinkedHashMap<>();
        for (Map.Entry<String, TensorData> e : source.entrySet()) {
            String key = e.getKey().startsWith("module.") ? e.getKey().substring(7) : e.getKey();
            if (ptv) {
                key = PyTorchVideoKeys.toPySlowFast(key).orElse(key);
            }
            out.put(key, e.getValue());
        }
        return out;
    }

    /** The network's parameters as float32 tensors under their reference keys (for safetensors / npz export). */
    public static LinkedHashMap<String, TensorData> export(Map<String, Parameter> source) {
        LinkedHashMap<String, NDArray> arrays = new LinkedHashMap<>();
        source.forEach((k, p) -> arrays.put(k, p.getArray()));
        return exportArrays(arrays);
    }

    /** Arrays as float32 tensors, keys kept. */
    public static LinkedHashMap<String, TensorData> exportArrays(Map<String, NDArray> source) {
        LinkedHashMap<String, TensorData> out = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : source.entrySet()) {
            NDArray a = e.getValue();
            float[] v = a.toFloatArray();
            ByteBuffer buf = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            buf.asFloatBuffer().put(v);
            out.put(e.getKey(), new TensorData(e.getKey(), TensorDType.FLOAT32, a.getShape().getShape(), buf));
        }
        return out;
    }
}
