package io.x3dava.backbone.onnx;

import com.fasterxml.jackson.databind.SerializationFeature;

import io.x3dava.annotations.json.Json;
import io.x3dava.backbone.video.ClipTransforms;
import io.x3dava.backbone.x3d.X3DConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metadata_props of an exported model: what a runtime user needs to feed it and read it without this project.
 * Keys: {@code task}, {@code network}, {@code classes} (JSON list, index order), the preprocessing ({@code mean},
 * {@code std} as JSON lists over RGB, {@code pixel_scale} 1/255, {@code num_frames}, {@code sampling_rate} at 30 fps,
 * {@code train_crop}, {@code test_short_side}), one {@code input.NAME} / {@code output.NAME} line per tensor, and
 * anything a caller {@link #put}s.
 */
public final class OnnxMetadata {

    private final Map<String, String> props = new LinkedHashMap<>();

    /** The common part: task, network, classes and the clip preprocessing of {@code net}. */
    public static OnnxMetadata of(String task, X3DConfig net, List<String> classes, int testShortSide) {
        OnnxMetadata m = new OnnxMetadata();
        m.put("task", task);
        m.put("network", net.name());
        m.put("classes", json(classes));
        m.put("mean", json(floats(ClipTransforms.MEAN)));
        m.put("std", json(floats(ClipTransforms.STD)));
        m.put("pixel_scale", "1/255");
        m.put("num_frames", Integer.toString(net.numFrames()));
        m.put("sampling_rate", Integer.toString(net.samplingRate()));
        m.put("train_crop", Integer.toString(net.trainCrop()));
        m.put("test_short_side", Integer.toString(testShortSide));
        m.put("input.clips", "(N, 3, T, H, W) float32, RGB, value = (pixel / 255 - mean) / std; T = num_frames"
                + " frames sampling_rate apart at 30 fps; short side resized to test_short_side");
        return m;
    }

    public OnnxMetadata put(String key, String value) {
        props.put(key, value);
        return this;
    }

    public Map<String, String> asMap() {
        return Map.copyOf(props);
    }

    /** In insertion order, as written into the model. */
    public Map<String, String> ordered() {
        return new LinkedHashMap<>(props);
    }

    /** One line of JSON. */
    public static String json(Object value) {
        try {
            return Json.mapper().writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Float> floats(float[] v) {
        Float[] out = new Float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return List.of(out);
    }
}
