package io.x3dava.backbone.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The safetensors format against its specification rather than against our own writer: the example bytes of the
 * specification (huggingface/safetensors, {@code SafeTensors::deserialize}'s doc example: header length 60 = '<',
 * an I32 2x2 tensor "test" at data_offsets [0, 16], 16 zero bytes) are read, and a file we write is parsed here by
 * the specification's rules (u64 little-endian header length, JSON header, offsets relative to the data, contiguous
 * and in order, row-major little-endian values).
 */
class SafetensorsSpecTest {

    @Test
    void readsTheSpecificationsExampleBytes(@TempDir Path dir) throws Exception {
        byte[] header = "{\"test\":{\"dtype\":\"I32\",\"shape\":[2,2],\"data_offsets\":[0,16]}}"
                .getBytes(StandardCharsets.US_ASCII);
        assertEquals(60, header.length);
        ByteBuffer file = ByteBuffer.allocate(8 + 60 + 16).order(ByteOrder.LITTLE_ENDIAN);
        file.put(new byte[] {'<', 0, 0, 0, 0, 0, 0, 0}).put(header);
        Path f = dir.resolve("example.safetensors");
        Files.write(f, file.array());
        Map<String, TensorData> read = Checkpoints.readStateDict(f);
        assertEquals(List.of("test"), List.copyOf(read.keySet()));
        TensorData t = read.get("test");
        assertEquals(TensorDType.INT32, t.dtype());
        assertArrayEquals(new long[] {2, 2}, t.shape());
        ByteBuffer zeros = t.data(); // a fresh view on each call
        assertEquals(16, zeros.remaining());
        while (zeros.hasRemaining()) {
            assertEquals(0, zeros.get());
        }
        // the same layout with values: int32 1, 2, 3, -4 in row-major order
        file.position(8 + 60);
        file.putInt(1).putInt(2).putInt(3).putInt(-4);
        Files.write(f, file.array());
        ByteBuffer v = Checkpoints.readStateDict(f).get("test").data();
        assertEquals(List.of(1, 2, 3, -4), List.of(v.getInt(), v.getInt(), v.getInt(), v.getInt()));
    }

    @Test
    void writtenFilesFollowTheSpecification(@TempDir Path dir) throws Exception {
        Map<String, TensorData> in = new LinkedHashMap<>();
        in.put("s1.conv.weight", floats("s1.conv.weight", new long[] {2, 3}, 0.5f, -1.25f, 3f, 1e-8f, -0f, 7f));
        in.put("head.bias", floats("head.bias", new long[] {3}, 1f, 2f, 4f));
        Path f = dir.resolve("w.safetensors");
        Checkpoints.writeSafetensors(f, in);
        byte[] bytes = Files.readAllBytes(f);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long n = b.getLong();
        assertTrue(n > 0 && 8 + n <= bytes.length, "header length " + n);
        String json = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        assertTrue(json.startsWith("{"), "the header is a JSON object: " + json);
        JsonNode h = new ObjectMapper().readTree(json);
        int dataStart = 8 + (int) n;
        long expectedBegin = 0;
        for (String name : List.of("s1.conv.weight", "head.bias")) {
            JsonNode e = h.get(name);
            assertEquals("F32", e.get("dtype").asText(), name);
            long begin = e.get("data_offsets").get(0).asLong();
            long end = e.get("data_offsets").get(1).asLong();
            assertEquals(4 * TensorData.numel(in.get(name).shape()), end - begin, name);
            assertTrue(begin >= 0 && dataStart + end <= bytes.length, name);
            ByteBuffer want = in.get(name).data();
            ByteBuffer got = ByteBuffer.wrap(bytes, dataStart + (int) begin, (int) (end - begin))
                    .order(ByteOrder.LITTLE_ENDIAN);
            while (want.hasRemaining()) {
                assertEquals(want.getFloat(), got.getFloat(), name);
            }
            expectedBegin = Math.max(expectedBegin, end);
        }
        assertEquals(bytes.length, dataStart + expectedBegin, "the data section holds the tensors and nothing else");
        assertArrayEquals(new long[] {2, 3}, new ObjectMapper().convertValue(h.get("s1.conv.weight").get("shape"),
                long[].class));
    }

    private static TensorData floats(String name, long[] shape, float... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float x : v) {
            b.putFloat(x);
        }
        b.flip();
        return new TensorData(name, TensorDType.FLOAT32, shape, b);
    }
}
