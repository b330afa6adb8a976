package io.x3dava.backbone.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The PySlowFast X3D-XS reference checkpoints in both torch formats, and the reference .npz. */
class CheckpointFixturesTest {

    @Test
    void zipFormatMatchesMeta() throws Exception {
        assertMatchesMeta(Checkpoints.readStateDict(Fixtures.x3d("x3d_xs_zip.pyth")));
    }

    @Test
    void legacyFormatMatchesMeta() throws Exception {
        assertMatchesMeta(Checkpoints.readStateDict(Fixtures.x3d("x3d_xs_legacy.pyth")));
    }

    @Test
    void bothTorchFormatsGiveBitIdenticalTensors() throws Exception {
        LinkedHashMap<String, TensorData> zip = Checkpoints.readStateDict(Fixtures.x3d("x3d_xs_zip.pyth"));
        LinkedHashMap<String, TensorData> legacy = Checkpoints.readStateDict(Fixtures.x3d("x3d_xs_legacy.pyth"));
        assertEquals(List.copyOf(zip.keySet()), List.copyOf(legacy.keySet()));
        for (String k : zip.keySet()) {
            TensorData a = zip.get(k);
            TensorData b = legacy.get(k);
            assertEquals(a.dtype(), b.dtype(), k);
            assertArrayEquals(a.shape(), b.shape(), k);
            assertEquals(a.data(), b.data(), k); // ByteBuffer equality: same bytes
            assertEquals(a, b);
        }
        TensorData w = zip.get("s1.pathway0_stem.conv_xy.weight");
        assertEquals(TensorDType.FLOAT32, w.dtype());
        float[] v = w.toFloatArray();
        assertEquals(24 * 3 * 3 * 3, v.length);
        assertTrue(java.util.Arrays.stream(toDoubles(v)).anyMatch(x -> x != 0), "weights are random, not zero");
        assertEquals(TensorDType.INT64, zip.get("s1.pathway0_stem.bn.num_batches_tracked").dtype());
    }

    @Test
    void npzLoadsWithShapes() throws Exception {
        LinkedHashMap<String, TensorData> io = Checkpoints.readStateDict(Fixtures.x3d("x3d_xs_io.npz"));
        assertEquals(List.of("input", "res5", "logits", "probabilities"), List.copyOf(io.keySet()));
        assertArrayEquals(new long[] {1, 3, 4, 160, 160}, io.get("input").shape());
        assertArrayEquals(new long[] {1, 192, 4, 5, 5}, io.get("res5").shape());
        assertArrayEquals(new long[] {1, 400}, io.get("logits").shape());
        float[] p = io.get("probabilities").toFloatArray();
        double sum = 0;
        for (float x : p) {
            sum += x;
        }
        assertEquals(1.0, sum, 1e-3, "softmax probabilities sum to 1");
        assertEquals(TensorDType.FLOAT32, io.get("input").dtype());
    }

    private static void assertMatchesMeta(LinkedHashMap<String, TensorData> sd) throws Exception {
        JsonNode meta = new ObjectMapper().readTree(Fixtures.x3d("x3d_xs_meta.json").toFile());
        JsonNode keys = meta.get("state_dict_keys");
        List<String> expected = new ArrayList<>();
        keys.fieldNames().forEachRemaining(expected::add);
        assertEquals(expected, List.copyOf(sd.keySet()), "keys in file order");
        long params = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = keys.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            long[] shape = new long[e.getValue().size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = e.getValue().get(i).asLong();
            }
            TensorData t = sd.get(e.getKey());
            assertArrayEquals(shape, t.shape(), e.getKey());
            assertEquals(t.numel() * t.dtype().byteSize(), t.data().remaining());
            if (!e.getKey().contains("running_") && !e.getKey().endsWith("num_batches_tracked")) {
                params += t.numel();
            }
        }
        assertEquals(meta.get("params_total").asLong(), params);
    }

    private static double[] toDoubles(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }
}
