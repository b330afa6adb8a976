package io.x3dava.backbone.checkpoint;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Truncated and bit-flipped copies of the real fixtures (fixed seed) must either read or fail with a
 * CheckpointFormatException from the readers themselves: no other exception, no Error, no hang.
 */
class CheckpointFuzzTest {
    private static final long SEED = 20240611L;
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void torchZip() throws Exception {
        fuzz(Fixtures.x3d("x3d_xs_zip.pyth"), 60, 120);
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void torchLegacy() throws Exception {
        fuzz(Fixtures.x3d("x3d_xs_legacy.pyth"), 60, 120);
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void npz() throws Exception {
        fuzz(Fixtures.x3d("x3d_xs_io.npz"), 40, 80);
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void safetensors() throws Exception {
        // a real-weights safetensors file: the first 40 tensors of the X3D-XS checkpoint
        Map<String, TensorData> sub = new LinkedHashMap<>();
        for (Map.Entry<String, TensorData> e : Checkpoints.readStateDict(Fixtures.x3d("x3d_xs_zip.pyth")).entrySet()) {
            if (sub.size() < 40) {
                sub.put(e.getKey(), e.getValue());
            }
        }
        Path f = dir.resolve("sub.safetensors");
        Checkpoints.writeSafetensors(f, sub);
        fuzz(f, 40, 80);
    }

    private void fuzz(Path original, int truncations, int flips) throws IOException {
        byte[] bytes = Files.readAllBytes(original);
        Random r = new Random(SEED ^ bytes.length);
        // the interesting structure (pickle, headers) is at the start; zips also keep their directory at the end
        int head = Math.min(bytes.length, 160_000);
        int tail = Math.min(bytes.length, 80_000);

        Path cut = dir.resolve("cut-" + original.getFileName());
        for (int i = 0; i < truncations; i++) {
            int len = i < 24 ? i * 7 : i % 6 == 0 ? r.nextInt(bytes.length) : r.nextInt(head);
            Files.write(cut, java.util.Arrays.copyOf(bytes, len));
            // a strict prefix is never a whole checkpoint: it must be rejected, not read
            assertTrue(!expectReadOrFormatError(cut, "truncated to " + len + " bytes"),
                    "truncated to " + len + " of " + bytes.length + " bytes was read as a checkpoint");
        }

        Path flipped = dir.resolve("flip-" + original.getFileName());
        Files.write(flipped, bytes);
        try (FileChannel ch = FileChannel.open(flipped, StandardOpenOption.WRITE)) {
            for (int i = 0; i < flips; i++) {
                int n = 1 + r.nextInt(3);
                int[] pos = new int[n];
                StringBuilder what = new StringBuilder("bytes flipped at");
                for (int k = 0; k < n; k++) {
                    int zone = r.nextInt(10);
                    pos[k] = zone < 6 ? r.nextInt(head) : zone < 9 ? bytes.length - 1 - r.nextInt(tail)
                            : r.nextInt(bytes.length);
                    byte b = (byte) (bytes[pos[k]] ^ (1 + r.nextInt(255)));
                    ch.write(ByteBuffer.wrap(new byte[] {b}), pos[k]);
                    what.append(' ').append(pos[k]);
                }
                expectReadOrFormatError(flipped, what.toString());
                for (int p : pos) { // restore
                    ch.write(ByteBuffer.wrap(new byte[] {bytes[p]}), p);
                }
            }
        }
        System.out.println(original.getFileName() + ": " + (truncations + flips) + " variants, " + read
                + " read, " + rejected + " rejected with CheckpointFormatException");
        assertTrue(rejected > truncations, "some flips must be rejected as well (" + rejected + " rejections)");
    }

    private int read;
    private int rejected;

    /** Reads {@code f}; true when it was read, false when rejected with a clean CheckpointFormatException. */
    private boolean expectReadOrFormatError(Path f, String variant) {
        try {
            Checkpoints.readStateDict(f);
            read++;
            return true;
        } catch (CheckpointFormatException e) {
            rejected++;
            assertTrue(e.getMessage().startsWith(f + ": "), variant + ": " + e.getMessage());
            assertTrue(!e.getMessage().contains("internal error"), variant + ": " + e.getMessage());
            return false;
        } catch (Throwable t) {
            return fail(variant + ": " + t, t);
        }
    }
}
