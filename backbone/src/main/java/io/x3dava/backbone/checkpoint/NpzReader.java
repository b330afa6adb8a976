package io.x3dava.backbone.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;

/** numpy's .npz: a zip (stored or deflated) of {@code <name>.npy} arrays; other entries are skipped. */
final class NpzReader {
    private NpzReader() {
    }

    static boolean isNpz(List<String> names) {
        return names.stream().anyMatch(n -> n.endsWith(".npy"));
    }

    static LinkedHashMap<String, TensorData> read(Path file, ZipArchive zip, CopyBudget budget) throws IOException {
        LinkedHashMap<String, TensorData> out = new LinkedHashMap<>();
        for (String entry : zip.names()) {
            if (!entry.endsWith(".npy")) {
                continue;
            }
            String name = entry.substring(0, entry.length() - 4);
            ByteBuffer npy = zip.read(entry, -1, budget);
            out.put(name, array(file, entry, name, npy, budget));
        }
        return out;
    }

    private static TensorData array(Path file, String entry, String name, ByteBuffer npy, CopyBudget budget)
            throws CheckpointFormatException {
        NpyHeader h;
        long nbytes;
        try {
            h = NpyHeader.parse(npy);
            nbytes = TensorData.byteCount(h.dtype(), h.shape());
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new CheckpointFormatException(file, "entry '" + entry + "': " + e.getMessage());
        }
        long present = npy.remaining() - h.dataOffset();
        if (present != nbytes) {
            throw new CheckpointFormatException(file, "entry '" + entry + "' holds " + present
                    + " data bytes, its header (" + h.dtype() + " " + java.util.Arrays.toString(h.shape())
                    + ") needs " + nbytes);
        }
        int es = h.dtype().byteSize();
        ByteBuffer data = npy.slice(h.dataOffset(), (int) nbytes).order(ByteOrder.LITTLE_ENDIAN);
        if (h.fortranOrder()) {
            long[] shape = h.shape();
            long[] stride = new long[shape.length]; // column-major: the first index varies fastest
            long s = 1;
            for (int i = 0; i < shape.length; i++) {
                stride[i] = s;
                s *= shape[i];
            }
            data = TensorViews.materialise(data, es, 0, shape, stride, budget, name);
        }
        if (h.bigEndian()) {
            data = swapBytes(data, es, budget, name);
        }
        return new TensorData(name, h.dtype(), h.shape(), data);
    }

    private static ByteBuffer swapBytes(ByteBuffer src, int es, CopyBudget budget, String name)
            throws CheckpointFormatException {
        budget.take(src.remaining(), "byte-swapped array '" + name + "'");
        ByteBuffer out = ByteBuffer.allocate(src.remaining());
        for (int i = 0; i < src.remaining(); i += es) {
            for (int j = 0; j < es; j++) {
                out.put(i + j, src.get(i + es - 1 - j));
            }
        }
        return out;
    }
}
