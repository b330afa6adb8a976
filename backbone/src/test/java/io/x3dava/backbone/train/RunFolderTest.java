package io.x3dava.backbone.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.x3dava.backbone.checkpoint.TensorDType;
import io.x3dava.backbone.checkpoint.TensorData;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One run per folder, recipe changes refused unless allowed (and versioned), a killed run's leftovers cleaned. */
class RunFolderTest {

    static String recipe(int batch, double lr, int workers) {
        return "{\"task\":\"kinetics\",\"batchSize\":" + batch + ",\"schedule\":{\"baseLr\":" + lr
                + ",\"maxEpoch\":10.0},\"workers\":" + workers + ",\"seed\":0}";
    }

    @Test
    void aSecondProcessIsRefusedWithTheHoldersPid(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(), run.toString())
                .redirectErrorStream(true).start();
        try {
            BufferedReader r = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                    StandardCharsets.UTF_8));
            assertEquals("locked", r.readLine());
            IOException e = assertThrows(IOException.class, () -> RunFolder.lock(run));
            assertTrue(e.getMessage().contains("another run is using this folder (PID " + holder.pid() + " on "),
                    e.getMessage());
            assertTrue(e.getMessage().contains("started 20"), e.getMessage());
        } finally {
            holder.getOutputStream().close();
            holder.waitFor();
        }
        try (RunFolder f = RunFolder.lock(run)) { // free again once the holder has ended
            assertTrue(Files.readString(run.resolve(".lock")).startsWith("PID " + ProcessHandle.current().pid()));
        }
    }

    @Test
    void aSecondRunInTheSameProcessIsRefused(@TempDir Path dir) throws Exception {
        try (RunFolder f = RunFolder.lock(dir)) {
            IOException e = assertThrows(IOException.class, () -> RunFolder.lock(dir));
            assertTrue(e.getMessage().contains("PID " + ProcessHandle.current().pid()), e.getMessage());
        }
    }

    @Test
    void aChangedRecipeIsRefusedWithAOneLineDiffUnlessAllowedAndEveryVersionIsKept(@TempDir Path dir)
            throws Exception {
        try (RunFolder f = RunFolder.lock(dir)) {
            assertFalse(f.checkRecipe(recipe(8, 0.1, 4), false));
            f.writeRecipe(recipe(8, 0.1, 4));
            assertFalse(f.checkRecipe(recipe(8, 0.1, 4), false));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> f.checkRecipe(recipe(16, 0.2, 4), false));
            assertEquals(dir.resolve("recipe.json") + ": batch 8 -> 16, lr 0.1 -> 0.2; use --allow-recipe-change to "
                    + "continue", e.getMessage());
            // Decoding threads do not change what is trained: allowed, but still recorded.
            assertTrue(f.checkRecipe(recipe(8, 0.1, 2), false));
            assertTrue(f.checkRecipe(recipe(16, 0.2, 4), true));
            f.writeRecipe(recipe(16, 0.2, 4));
            f.writeRecipe(recipe(16, 0.2, 4)); // unchanged: no new version
            f.writeRecipe(recipe(32, 0.4, 4));
        }
        assertTrue(Files.readString(dir.resolve("recipe.1.json")).contains("\"batchSize\":8"));
        assertTrue(Files.readString(dir.resolve("recipe.2.json")).contains("\"batchSize\":16"));
        assertTrue(Files.readString(dir.resolve("recipe.json")).contains("\"batchSize\":32"));
        assertFalse(Files.exists(dir.resolve("recipe.3.json")));
    }

    @Test
    void leftoversOfAKilledRunAreCleanedAndANewEmptyFolderIsRemovedOnFailure(@TempDir Path dir) throws Exception {
        Path ck = dir.resolve("run/checkpoints");
        Files.createDirectories(ck.resolve(".epoch_0003.tmp-123-456"));
        Files.writeString(ck.resolve(".epoch_0003.tmp-123-456/model.safetensors"), "half");
        Files.createDirectories(ck.resolve("epoch_0002"));
        Files.createDirectories(ck.resolve(".epoch_0002.old-9"));
        // killed between moving epoch_0001 aside and moving its replacement in: the old one is the only copy
        Files.createDirectories(ck.resolve(".epoch_0001.old-7"));
        Files.writeString(ck.resolve(".epoch_0001.old-7/state.json"), "{\"epoch\":1,\"globalStep\":3}");
        try (RunFolder f = RunFolder.lock(dir.resolve("run"))) {
            assertFalse(Files.exists(ck.resolve(".epoch_0003.tmp-123-456")));
            assertFalse(Files.exists(ck.resolve(".epoch_0002.old-9")));
            assertTrue(Files.isDirectory(ck.resolve("epoch_0002")));
            assertTrue(Files.isRegularFile(ck.resolve("epoch_0001/state.json")));
        }
        assertTrue(Files.isDirectory(dir.resolve("run")), "a folder with a run in it stays");
        Path fresh = dir.resolve("fresh");
        RunFolder.lock(fresh).close();
        assertFalse(Files.exists(fresh), "a folder created by a run that wrote nothing is removed");
    }

    @Test
    void checkpointsFollowTheUmaskLikeAnyOtherFolder(@TempDir Path dir) throws Exception {
        CheckpointStore store = new CheckpointStore(dir.resolve("checkpoints"), 2);
        CheckpointStore.Checkpoint c = store.save(1, 5, Map.of("w", new TensorData("w", TensorDType.FLOAT32,
                new long[] {2}, java.nio.ByteBuffer.allocate(8))), Map.of(), "{}");
        Path plain = Files.createDirectory(dir.resolve("plain"));
        Path plainFile = Files.createFile(dir.resolve("plain.txt"));
        assertEquals(PosixFilePermissions.toString(Files.getPosixFilePermissions(plain)),
                PosixFilePermissions.toString(Files.getPosixFilePermissions(c.dir())));
        assertEquals(PosixFilePermissions.toString(Files.getPosixFilePermissions(plainFile)),
                PosixFilePermissions.toString(Files.getPosixFilePermissions(c.model())));
        assertEquals(PosixFilePermissions.toString(Files.getPosixFilePermissions(plainFile)),
                PosixFilePermissions.toString(Files.getPosixFilePermissions(c.dir().resolve("state.json"))));
    }
}
