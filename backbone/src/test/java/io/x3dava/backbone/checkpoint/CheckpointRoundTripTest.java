package io.x3dava.backbone.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** write -> read gives back exactly the same tensors, in the same order. */
class CheckpointRoundTripTest {
    @TempDir
    Path dir;

    static LinkedHashMap<String, TensorData> sample(boolean withBfloat16) {
        Random r = new Random(7);
        LinkedHashMap<String, TensorData> m = new LinkedHashMap<>();
        for (TensorDType t : TensorDType.values()) {
            if (t == TensorDType.BFLOAT16 && !withBfloat16) {
                continue;
            }
            long[] shape = switch (t) {
                case FLOAT32 -> new long[] {2, 3, 4};
                case INT64 -> new long[] {};  // a scalar, like num_batches_tracked
                case BOOL -> new long[] {5};
                case INT8 -> new long[] {0, 3}; // empty
                default -> new long[] {3, 1};
            };
            byte[] bytes = new byte[(int) (TensorData.numel(shape) * t.byteSize())];
            r.nextBytes(bytes);
            if (t == TensorDType.BOOL) {
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = (byte) (bytes[i] & 1);
                }
            }
            String name = "layer." + t.name().toLowerCase() + ".weight";
            m.put(name, new TensorData(name, t, shape, ByteBuffer.wrap(bytes)));
        }
        return m;
    }

    @Test
    void safetensorsRoundTripIsExact() throws Exception {
        LinkedHashMap<String, TensorData> in = sample(true);
        Path f = dir.resolve("a.safetensors");
        Checkpoints.writeSafetensors(f, in);
        LinkedHashMap<String, TensorData> out = Checkpoints.readStateDict(f);
        assertEquals(List.copyOf(in.keySet()), List.copyOf(out.keySet()));
        assertEquals(in, out);
        assertEquals(0, headerLength(f) % 8, "header padded to 8 bytes");
        assertNoTempFiles();
    }

    @Test
    void npzRoundTripIsExact() throws Exception {
        LinkedHashMap<String, TensorData> in = sample(false);
        Path f = dir.resolve("a.npz");
        Checkpoints.writeNpz(f, in);
        LinkedHashMap<String, TensorData> out = Checkpoints.readStateDict(f);
        assertEquals(List.copyOf(in.keySet()), List.copyOf(out.keySet()));
        assertEquals(in, out);
        assertNoTempFiles();
    }

    @Test
    void npzRejectsBfloat16WithoutWritingAnything() {
        Path f = dir.resolve("b.npz");
        assertThrows(IllegalArgumentException.class, () -> Checkpoints.writeNpz(f, sample(true)));
        assertTrue(Files.notExists(f));
        assertNoTempFiles();
    }

    @Test
    void writeReplacesAnExistingFile() throws Exception {
        Path f = dir.resolve("c.safetensors");
        Files.writeString(f, "old");
        Checkpoints.writeSafetensors(f, sample(true));
        assertEquals(sample(true), Checkpoints.readStateDict(f));
    }

    @Test
    void fortranOrderAndBigEndianNpyAreConverted() throws Exception {
        // column-major 2x3 int16 matrix [[1,2,3],[4,5,6]] stored big-endian: elements 1,4,2,5,3,6
        String header = "{'descr': '>i2', 'fortran_order': True, 'shape': (2, 3), }";
        header = header + " ".repeat(128 - 10 - header.length() - 1) + "\n";
        ByteBuffer npy = ByteBuffer.allocate(10 + header.length() + 12).order(ByteOrder.LITTLE_ENDIAN);
        npy.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length());
        npy.put(header.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        npy.order(ByteOrder.BIG_ENDIAN);
        for (short v : new short[] {1, 4, 2, 5, 3, 6}) {
            npy.putShort(v);
        }
        Path f = dir.resolve("f.npz");
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(f))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("m.npy")); // deflated, as numpy.savez_compressed
            zip.write(npy.array());
            zip.closeEntry();
        }
        TensorData m = Checkpoints.readStateDict(f).get("m");
        assertArrayEquals(new long[] {2, 3}, m.shape());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, m.toFloatArray());
    }

    @Test
    void safetensorsWhoseHeaderLengthLooksLikeAPickleIsStillSafetensors() throws Exception {
        // header length 0x280 = 640: the file starts 0x80 0x02, like a protocol-2 pickle
        ByteBuffer b = ByteBuffer.allocate(8 + 640).order(ByteOrder.LITTLE_ENDIAN).putLong(640);
        b.put("{\"__metadata__\": {\"format\": \"pt\"}}".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        while (b.hasRemaining()) {
            b.put((byte) ' ');
        }
        Path f = dir.resolve("empty.safetensors");
        Files.write(f, b.array());
        assertTrue(Checkpoints.readStateDict(f).isEmpty());
    }

    @Test
    void toFloatArrayConvertsEveryType() {
        ByteBuffer half = ByteBuffer.allocate(6).order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) 0x3c00).putShort((short) 0xc000).putShort((short) 0x0001).flip();
        assertArrayEquals(new float[] {1f, -2f, 0x1p-24f},
                new TensorData("h", TensorDType.FLOAT16, new long[] {3}, half).toFloatArray());
        ByteBuffer bf = ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 0x3fc0).flip();
        assertArrayEquals(new float[] {1.5f}, new TensorData("b", TensorDType.BFLOAT16, new long[] {}, bf).toFloatArray());
        ByteBuffer l = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(-7).flip();
        assertArrayEquals(new float[] {-7f}, new TensorData("l", TensorDType.INT64, new long[] {1}, l).toFloatArray());
        ByteBuffer u = ByteBuffer.wrap(new byte[] {(byte) 200});
        assertArrayEquals(new float[] {200f}, new TensorData("u", TensorDType.UINT8, new long[] {1}, u).toFloatArray());
    }

    @Test
    void tensorDataIsReadOnlyAndChecksItsSize() {
        TensorData t = sample(false).values().iterator().next();
        assertTrue(t.data().isReadOnly());
        assertEquals(ByteOrder.LITTLE_ENDIAN, t.data().order());
        assertThrows(IllegalArgumentException.class,
                () -> new TensorData("x", TensorDType.FLOAT32, new long[] {2}, ByteBuffer.allocate(4)));
    }

    private long headerLength(Path f) throws Exception {
        return ByteBuffer.wrap(Files.readAllBytes(f), 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    private void assertNoTempFiles() {
        try (Stream<Path> s = Files.list(dir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "temporary file left behind");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
