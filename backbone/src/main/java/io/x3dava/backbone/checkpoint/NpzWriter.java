package io.x3dava.backbone.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Writes .npz like numpy.savez: one stored (uncompressed) {@code <name>.npy} entry per tensor, in map order. */
final class NpzWriter {
    private NpzWriter() {
    }

    static void write(Path file, Map<String, TensorData> tensors) throws IOException {
        for (TensorData t : tensors.values()) {
            NpyHeader.write(t.dtype(), t.shape()); // fail on bfloat16 before creating any file
        }
        AtomicFileWriter.write(file, os -> {
            ZipOutputStream zip = new ZipOutputStream(os);
            for (Map.Entry<String, TensorData> e : tensors.entrySet()) {
                TensorData t = e.getValue();
                byte[] header = NpyHeader.write(t.dtype(), t.shape());
                ByteBuffer data = t.data();
                CRC32 crc = new CRC32(); // a stored entry needs its CRC and size before its bytes
                crc.update(header);
                crc.update(data.duplicate());
                ZipEntry entry = new ZipEntry(e.getKey() + ".npy");
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(header.length + (long) data.remaining());
                entry.setCompressedSize(entry.getSize());
                entry.setCrc(crc.getValue());
                zip.putNextEntry(entry);
                zip.write(header);
                AtomicFileWriter.writeAll(zip, data);
                zip.closeEntry();
            }
            zip.finish();
        });
    }
}
