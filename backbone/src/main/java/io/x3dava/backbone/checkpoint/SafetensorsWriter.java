package io.x3dava.backbone.checkpoint;

import io.x3dava.annotations.json.Json;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Writes .safetensors with tensors in map order; the header is space-padded to 8 bytes as the format asks. */
final class SafetensorsWriter {
    private static final ObjectMapper JSON = Json.mapper();

    private SafetensorsWriter() {
    }

    static void write(Path file, Map<String, TensorData> tensors) throws IOException {
        ObjectNode header = JSON.createObjectNode();
        long offset = 0;
        for (Map.Entry<String, TensorData> e : tensors.entrySet()) {
            TensorData t = e.getValue();
            ObjectNode node = header.putObject(e.getKey());
            node.put("dtype", SafetensorsDTypes.name(t.dtype()));
            ArrayNode shape = node.putArray("shape");
            for (long d : t.shape()) {
                shape.add(d);
            }
            long end = offset + t.data().remaining();
            node.putArray("data_offsets").add(offset).add(end);
            offset = end;
        }
        // the header is one compact line, as the reference writer makes it
        byte[] json = JSON.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8;
        byte[] headerBytes = new byte[padded];
        java.util.Arrays.fill(headerBytes, (byte) ' ');
        System.arraycopy(json, 0, headerBytes, 0, json.length);
        AtomicFileWriter.write(file, out -> {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).array());
            out.write(headerBytes);
            for (TensorData t : tensors.values()) {
                AtomicFileWriter.writeAll(out, t.data());
            }
        });
    }
}
