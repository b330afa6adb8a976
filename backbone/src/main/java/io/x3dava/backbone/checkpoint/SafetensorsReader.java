package io.x3dava.backbone.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * .safetensors: an 8-byte little-endian header length N, N bytes of JSON
 * {@code {"name": {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}, "__metadata__": {..}}}, then the
 * data, offsets relative to its start. Tensors are returned in data order (the order they were written).
 */
final class SafetensorsReader {
    /** The limit the reference implementation applies to the header. */
    static final long MAX_HEADER = 100L << 20;
    // A repeated tensor name would let two readers disagree on which entry is meant (the Rust reference rejects it).
    private static final ObjectMapper JSON = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private SafetensorsReader() {
    }

    /** Plausible safetensors start: a header length that fits the file, then '{'. */
    static boolean looksSafetensors(ByteBuffer head, long fileSize) {
        if (head.remaining() < 9) {
            return false;
        }
        long n = head.getLong(0);
        return n > 0 && n <= fileSize - 8 && head.get(8) == '{';
    }

    private record Entry(String name, TensorDType dtype, long[] shape, long begin, long end) {
    }

    static LinkedHashMap<String, TensorData> read(MappedFile mf, CopyBudget budget) throws IOException {
        long n = mf.map(0, 8, "safetensors header length").getLong();
        if (n < 2 || n > MAX_HEADER || n > mf.size() - 8) {
            throw new CheckpointFormatException(mf.path(), "safetensors header length " + Long.toUnsignedString(n)
                    + " is impossible for a file of " + mf.size() + " bytes");
        }
        ByteBuffer headerBytes = mf.map(8, n, "safetensors header");
        JsonNode header;
        try {
            header = JSON.readTree(StandardCharsets.UTF_8.decode(headerBytes).toString());
        } catch (JacksonException e) {
            throw new CheckpointFormatException(mf.path(), "safetensors header is not valid JSON ("
                    + e.getOriginalMessage() + ")");
        }
        if (header == null || !header.isObject()) {
            throw new CheckpointFormatException(mf.path(), "safetensors header is not a JSON object");
        }
        long dataStart = 8 + n;
        long dataSize = mf.size() - dataStart;
        List<Entry> entries = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!f.getKey().equals("__metadata__")) {
                entries.add(entry(mf, f.getKey(), f.getValue(), dataSize));
            }
        }
        entries.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long previousEnd = 0;
        LinkedHashMap<String, TensorData> out = new LinkedHashMap<>();
        for (Entry e : entries) {
            if (e.begin() < previousEnd) { // overlaps would let a small file expand into huge copies
                throw new CheckpointFormatException(mf.path(), "tensor '" + e.name() + "' overlaps the previous one");
            }
            previousEnd = e.end();
            ByteBuffer data = mf.copy(dataStart + e.begin(), e.end() - e.begin(), budget, "tensor '" + e.name() + "'");
            out.put(e.name(), new TensorData(e.name(), e.dtype(), e.shape(), data));
        }
        return out;
    }

    private static Entry entry(MappedFile mf, String name, JsonNode node, long dataSize)
            throws CheckpointFormatException {
        String where = "safetensors tensor '" + name + "': ";
        if (!node.isObject() || !node.path("dtype").isTextual() || !node.path("shape").isArray()
                || !node.path("data_offsets").isArray() || node.path("data_offsets").size() != 2) {
            throw new CheckpointFormatException(mf.path(), where + "expected {dtype, shape, data_offsets: [begin, end]}");
        }
        TensorDType dtype = SafetensorsDTypes.fromName(node.get("dtype").asText());
        if (dtype == null) {
            throw new CheckpointFormatException(mf.path(), where + "dtype " + node.get("dtype").asText()
                    + " is not supported");
        }
        JsonNode shapeNode = node.get("shape");
        if (shapeNode.size() > TensorViews.MAX_DIMS) {
            throw new CheckpointFormatException(mf.path(), where + "too many dimensions");
        }
        long[] shape = new long[shapeNode.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = nonNegative(mf, shapeNode.get(i), where + "shape");
        }
        long begin = nonNegative(mf, node.get("data_offsets").get(0), where + "data_offsets");
        long end = nonNegative(mf, node.get("data_offsets").get(1), where + "data_offsets");
        long nbytes;
        try {
            nbytes = TensorData.byteCount(dtype, shape);
        } catch (ArithmeticException e) {
            throw new CheckpointFormatException(mf.path(), where + "shape overflows");
        }
        if (begin > end || end > dataSize || end - begin != nbytes) {
            throw new CheckpointFormatException(mf.path(), where + "data_offsets [" + begin + ", " + end
                    + "] do not hold " + nbytes + " bytes inside the " + dataSize + " data bytes");
        }
        return new Entry(name, dtype, shape, begin, end);
    }

    private static long nonNegative(MappedFile mf, JsonNode v, String what) throws CheckpointFormatException {
        if (v == null || !v.canConvertToLong() || !v.isIntegralNumber() || v.asLong() < 0) {
            throw new CheckpointFormatException(mf.path(), what + " must be non-negative integers");
        }
        return v.asLong();
    }
}
