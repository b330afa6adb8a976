package io.x3dava.backbone.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hand-built torch files: hostile globals, absurd lengths and views are rejected; strided views are read right. */
class CheckpointSafetyTest {
    @TempDir
    Path dir;

    private static final long[] SIZE_3X2 = {3, 2};
    private static final long[] TRANSPOSED = {1, 3}; // the transpose of a contiguous 2x3 matrix

    /** {"w": tensor} where w is a view of storage "0" (6 floats 0..5). */
    private static byte[] stateDict(boolean legacyPid, long offset, long[] size, long[] stride) {
        return new PickleWriter().proto().op('}').str("w").tensor("0", 6, legacyPid, offset, size, stride)
                .op('s').stop().bytes();
    }

    private static Map<String, byte[]> storage() {
        return Map.of("0", PickleWriter.floats(0, 1, 2, 3, 4, 5));
    }

    @Test
    void transposedViewIsMaterialisedInLegacyFormat() throws Exception {
        Path f = TorchFiles.legacy(dir.resolve("t.pt"), stateDict(true, 0, SIZE_3X2, TRANSPOSED), storage());
        TensorData w = Checkpoints.readStateDict(f).get("w");
        assertArrayEquals(SIZE_3X2, w.shape());
        assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, w.toFloatArray());
    }

    @Test
    void stridedViewsInZipFormatStoredAndDeflated() throws Exception {
        for (boolean deflate : new boolean[] {false, true}) {
            // offset 1, size (2, 2), stride (1, 2): elements [[1, 3], [2, 4]]
            Path f = TorchFiles.zip(dir.resolve("s" + deflate + ".pt"),
                    stateDict(false, 1, new long[] {2, 2}, new long[] {1, 2}), storage(), deflate);
            TensorData w = Checkpoints.readStateDict(f).get("w");
            assertArrayEquals(new float[] {1, 3, 2, 4}, w.toFloatArray(), "deflate=" + deflate);
            // stride 0 expansion (torch's expand) and a contiguous slice with an offset
            f = TorchFiles.zip(dir.resolve("e" + deflate + ".pt"),
                    stateDict(false, 4, new long[] {2, 2}, new long[] {0, 1}), storage(), deflate);
            assertArrayEquals(new float[] {4, 5, 4, 5}, Checkpoints.readStateDict(f).get("w").toFloatArray());
        }
    }

    @Test
    void sharedStorageAndLegacyViewMetadata() throws Exception {
        // two tensors on one storage; the second through legacy view metadata ('v', offset 2, 4 elements)
        PickleWriter p = new PickleWriter().proto().op('}').op('(')
                .str("a").tensor("0", 6, true, 0, new long[] {6}, new long[] {1});
        p.str("b").global("torch._utils", "_rebuild_tensor").op('(')
                .op('(').str("storage").global("torch", "FloatStorage").str("0").str("cpu").int4(6)
                .op('(').str("v").int4(2).int4(4).op('t').op('t', 'Q')
                .int4(1).op('(').int4(2).op('t').op('(').int4(1).op('t').op('t', 'R').op('u').stop();
        Path f = TorchFiles.legacy(dir.resolve("v.pt"), p.bytes(), storage());
        LinkedHashMap<String, TensorData> sd = Checkpoints.readStateDict(f);
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, sd.get("a").toFloatArray());
        assertArrayEquals(new float[] {3, 4}, sd.get("b").toFloatArray());
    }

    @Test
    void wrapperKeysSelectTheInnerStateDict() throws Exception {
        byte[] pickle = new PickleWriter().proto().op('}', '(')
                .str("epoch").int1(3)
                .str("args").global("argparse", "Namespace").op(')', 0x81).op('}').str("lr").op('G')
                .le(0, 8).op('s', 'b')
                .str("state_dict").global("collections", "OrderedDict").op(')', 'R')
                .str("w").tensor("0", 6, false, 0, new long[] {6}, new long[] {1}).op('s')
                .op('u').stop().bytes();
        Path f = TorchFiles.zip(dir.resolve("w.pt"), pickle, storage(), false);
        assertEquals(java.util.List.of("w"), java.util.List.copyOf(Checkpoints.readStateDict(f).keySet()));
    }

    @Test
    void dangerousGlobalsAreRejectedByName() throws Exception {
        String[][] globals = {{"os", "system"}, {"builtins", "eval"}, {"posix", "system"}, {"torch.storage", "_load_from_bytes"}};
        for (String[] g : globals) {
            byte[] viaGlobal = new PickleWriter().proto().global(g[0], g[1]).str("echo pwned").op(0x85, 'R').stop().bytes();
            byte[] viaStack = new PickleWriter().proto().stackGlobal(g[0], g[1]).str("echo pwned").op(0x85, 'R').stop().bytes();
            String name = g[0] + "." + g[1];
            assertRejected(TorchFiles.zip(dir.resolve("g.pt"), viaGlobal, Map.of(), false), name);
            assertRejected(TorchFiles.zip(dir.resolve("s.pt"), viaStack, Map.of(), false), name);
            assertRejected(TorchFiles.legacy(dir.resolve("l.pt"), viaGlobal, Map.of()), name);
        }
    }

    @Test
    void giantDeclaredLengthsFailCleanly() throws Exception {
        byte[] str4 = new PickleWriter().proto().op('X').le(0xfffffff0L, 4).op('a', 'b').stop().bytes();
        byte[] str8 = new PickleWriter().proto().op(0x8d).le(Long.MAX_VALUE, 8).stop().bytes();
        byte[] bytes8 = new PickleWriter().proto().op(0x8e).le(-1, 8).stop().bytes();
        byte[] frame = new PickleWriter().proto().op(0x95).le(1L << 40, 8).stop().bytes();
        for (byte[] p : new byte[][] {str4, str8, bytes8, frame}) {
            assertRejected(TorchFiles.zip(dir.resolve("z.pt"), p, Map.of(), false), "remain");
            assertRejected(TorchFiles.legacy(dir.resolve("l.pt"), p, Map.of()), "remain");
        }
    }

    @Test
    void viewsOutsideTheirStorageAreRejected() throws Exception {
        long[][][] bad = {
                {{3, 3}, {3, 1}},          // 9 elements in a storage of 6
                {{2, 3}, {-3, 1}},         // negative stride
                {{1L << 31, 1L << 31}, {1, 1}}, // overflowing numel
        };
        for (long[][] v : bad) {
            assertRejected(TorchFiles.zip(dir.resolve("o.pt"), stateDict(false, 0, v[0], v[1]), storage(), false),
                    "tensor view");
        }
        assertRejected(TorchFiles.zip(dir.resolve("o.pt"), stateDict(false, 5, new long[] {2}, new long[] {1}),
                storage(), false), "reaches past the end");
    }

    @Test
    void storageSizeMismatchesAreRejected() throws Exception {
        Map<String, byte[]> short5 = Map.of("0", PickleWriter.floats(0, 1, 2, 3, 4));
        assertRejected(TorchFiles.zip(dir.resolve("m.pt"), stateDict(false, 0, SIZE_3X2, TRANSPOSED), short5, false),
                "expected 24");
        assertRejected(TorchFiles.legacy(dir.resolve("m.pt"), stateDict(true, 0, SIZE_3X2, TRANSPOSED), short5),
                "the pickle says 6");
        assertRejected(TorchFiles.zip(dir.resolve("n.pt"), stateDict(false, 0, SIZE_3X2, TRANSPOSED), Map.of(), false),
                "missing");
    }

    @Test
    void malformedPicklesFailCleanly() throws Exception {
        byte[][] pickles = {
                new PickleWriter().proto().op('a').stop().bytes(),                 // stack underflow
                new PickleWriter().proto().op('h', 9).stop().bytes(),              // memo never stored
                new PickleWriter().proto().op('}').bytes(),                        // no STOP
                new PickleWriter().proto().op(')', ')', 's').stop().bytes(),       // SETITEM on a tuple
                new PickleWriter().proto().op(']', ']', ']', 's').stop().bytes(),  // list as dict key
                new PickleWriter().proto().op('i').stop().bytes(),                 // INST: unsupported opcode
                new PickleWriter().op(0x80, 9).stop().bytes(),                     // unknown protocol
                new PickleWriter().proto().op('}', '(', 'N', 'u').stop().bytes(),   // odd SETITEMS
                new PickleWriter().proto().op('(', 'N', '.').bytes(),               // STOP inside a MARK
        };
        for (byte[] p : pickles) {
            assertRejected(TorchFiles.zip(dir.resolve("p.pt"), p, Map.of(), false), "pickle");
        }
    }

    @Test
    void deepAndCyclicStructuresDoNotRecurse() throws Exception {
        PickleWriter deep = new PickleWriter().proto();
        for (int i = 0; i < 300_000; i++) {
            deep.op(']');
        }
        for (int i = 1; i < 300_000; i++) {
            deep.op('a'); // [[[...]]] 300k deep
        }
        assertRejected(TorchFiles.zip(dir.resolve("d.pt"), deep.stop().bytes(), Map.of(), false),
                "top-level object is a list");
        byte[] cyclic = new PickleWriter().proto().op('}', 'q', 0).str("self").op('h', 0, 's').stop().bytes();
        assertRejected(TorchFiles.zip(dir.resolve("c.pt"), cyclic, Map.of(), false), "no tensors found");
    }

    @Test
    void giantStoragesAreNeverAllocated() throws Exception {
        byte[] pickle = new PickleWriter().proto().op('}').str("w")
                .tensor("0", Integer.MAX_VALUE, true, 0, new long[] {Integer.MAX_VALUE}, new long[] {1})
                .op('s').stop().bytes();
        assertRejected(TorchFiles.legacy(dir.resolve("g.pt"), pickle, storage()), "larger than 2 GiB");
        byte[] fits = new PickleWriter().proto().op('}').str("w")
                .tensor("0", 400_000_000, false, 0, new long[] {4}, new long[] {1}).op('s').stop().bytes();
        assertRejected(TorchFiles.zip(dir.resolve("g.pt"), fits, storage(), false), "expected 1600000000");
    }

    @Test
    void notACheckpointAtAll() throws Exception {
        Path f = dir.resolve("x.bin");
        Files.writeString(f, "hello, world");
        assertRejected(f, "unknown format");
        Files.write(f, new byte[0]);
        assertRejected(f, "unknown format");
    }

    @Test
    void aSafetensorsHeaderNamingATensorTwiceIsRejected() throws Exception {
        String once = "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}";
        String twice = "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}";
        Path good = dir.resolve("once.safetensors");
        Files.write(good, safetensors(once, 8));
        assertEquals(1, Checkpoints.readStateDict(good).size(), "the same file without the repeat is read");
        Path f = dir.resolve("twice.safetensors");
        Files.write(f, safetensors(twice, 8));
        assertRejected(f, "Duplicate field 'w'");
        // a folder is not a checkpoint file: one line, no "No such device" from mapping it
        assertRejected(dir, "expected a checkpoint file, found a folder");
    }

    private static byte[] safetensors(String header, int dataBytes) {
        byte[] h = header.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + h.length + dataBytes)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        return b.array();
    }

    static void assertRejected(Path f, String expectedInMessage) {
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> Checkpoints.readStateDict(f));
        assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(expectedInMessage), "'" + expectedInMessage + "' not in: " + e.getMessage());
        assertTrue(!e.getMessage().contains("internal error"), e.getMessage());
    }
}
