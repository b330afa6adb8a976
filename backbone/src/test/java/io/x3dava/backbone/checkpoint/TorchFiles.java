package io.x3dava.backbone.checkpoint;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Writes torch checkpoint containers around a hand-built pickle, as torch.save lays them out. */
final class TorchFiles {
    private TorchFiles() {
    }

    /** Zip format: archive/data.pkl plus archive/data/<key> per storage (deflated when asked, to test that path). */
    static Path zip(Path file, byte[] pickle, Map<String, byte[]> storages, boolean deflate) throws IOException {
        try (OutputStream os = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(os)) {
            put(zip, "archive/data.pkl", pickle, deflate);
            for (Map.Entry<String, byte[]> e : storages.entrySet()) {
                put(zip, "archive/data/" + e.getKey(), e.getValue(), deflate);
            }
            put(zip, "archive/version", "3\n".getBytes(), deflate);
        }
        return file;
    }

    private static void put(ZipOutputStream zip, String name, byte[] data, boolean deflate) throws IOException {
        ZipEntry e = new ZipEntry(name);
        if (!deflate) { // torch writes stored entries; those need size and CRC up front
            CRC32 crc = new CRC32();
            crc.update(data);
            e.setMethod(ZipEntry.STORED);
            e.setSize(data.length);
            e.setCompressedSize(data.length);
            e.setCrc(crc.getValue());
        }
        zip.putNextEntry(e);
        zip.write(data);
        zip.closeEntry();
    }

    /** Legacy format: magic, protocol 1001, sys_info, main pickle, key list, then (numel, bytes) per float storage. */
    static Path legacy(Path file, byte[] mainPickle, Map<String, byte[]> floatStorages) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] magic = new BigInteger("1950a86a20f9469cfc6c", 16).toByteArray(); // big-endian, 10 bytes
            PickleWriter m = new PickleWriter().proto().op(0x8a, magic.length);
            for (int i = magic.length - 1; i >= 0; i--) {
                m.op(magic[i] & 0xff);
            }
            out.write(m.stop().bytes());
            out.write(new PickleWriter().proto().op('M').le(1001, 2).stop().bytes());
            out.write(new PickleWriter().proto().op('}', '(').str("protocol_version").op('M').le(1001, 2)
                    .str("little_endian").op(0x88).op('u').stop().bytes());
            out.write(mainPickle);
            PickleWriter keys = new PickleWriter().proto().op(']', '(');
            floatStorages.keySet().forEach(keys::str);
            out.write(keys.op('e').stop().bytes());
            for (byte[] data : floatStorages.values()) {
                out.write(new PickleWriter().le(data.length / 4, 8).bytes());
                out.write(data);
            }
        }
        return file;
    }
}
