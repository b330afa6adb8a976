package io.x3dava.backbone.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An ONNX model in ONNX Runtime (CPU, Java API), the runtime a deployment would use: float32 tensors in, float32
 * tensors out, by name. One session; {@code threads} intra-op threads and one inter-op thread, so that a comparison
 * with libtorch can give both the same number.
 */
public final class OnnxRuntimeModel implements AutoCloseable {

    /** A float32 tensor: values in row-major order and the shape. */
    public record Tensor(float[] values, long... shape) {
    }

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;

    public OnnxRuntimeModel(byte[] model, int threads) throws OrtException {
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
            o.setIntraOpNumThreads(threads);
            o.setInterOpNumThreads(1);
            o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            session = env.createSession(model, o);
        }
    }

    /** Runs the model; returns every output by name. */
    public Map<String, Tensor> run(Map<String, Tensor> inputs) throws OrtException {
        Map<String, OnnxTensor> in = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, Tensor> e : inputs.entrySet()) {
                in.put(e.getKey(), OnnxTensor.createTensor(env, FloatBuffer.wrap(e.getValue().values()),
                        e.getValue().shape()));
            }
            Map<String, Tensor> out = new LinkedHashMap<>();
            try (OrtSession.Result r = session.run(in)) {
                for (Map.Entry<String, ai.onnxruntime.OnnxValue> e : r) {
                    OnnxTensor t = (OnnxTensor) e.getValue();
                    FloatBuffer b = t.getFloatBuffer();
                    float[] v = new float[b.remaining()];
                    b.get(v);
                    out.put(e.getKey(), new Tensor(v, t.getInfo().getShape()));
                }
            }
            return out;
        } finally {
            in.values().forEach(OnnxTensor::close);
        }
    }

    /** The model's metadata_props. */
    public Map<String, String> metadata() throws OrtException {
        return session.getMetadata().getCustomMetadata();
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
