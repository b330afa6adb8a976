package io.x3dava.backbone.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.x3dava.annotations.json.Json;
import io.x3dava.annotations.AtomicFiles;
import io.x3dava.annotations.FolderLock;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A training run's folder, held by one process at a time: an exclusive lock on {@code <out>/.lock} (which names the
 * holder: PID, host, start time), recipe.json checked against the recipe of a resumed run (a changed batch, learning
 * rate, epochs ... is refused unless allowed; every version is kept as recipe.1.json, recipe.2.json ...), and the
 * leftovers of a killed run (half-written {@code .epoch_NNNN.tmp-*} checkpoints) removed while the lock is held.
 */
public final class RunFolder implements AutoCloseable {

    public static final String LOCK = ".lock";
    public static final String RECIPE = "recipe.json";

    /** Recipe fields that do not change what is trained (decoding threads, test views): changing them is allowed. */
    private static final Set<String> NOT_TRAINING = Set.of("workers", "testClips", "testCrops");
    /** Shorter names of the fields users change most, as the command-line options call them. */
    private static final Map<String, String> OPTION_NAMES = Map.of("batchSize", "batch", "schedule.baseLr", "lr",
            "schedule.maxEpoch", "epochs", "epochs", "epochs");

    private static final ObjectMapper JSON = Json.mapper();

    private final Path dir;
    private final FolderLock lock;
    private final boolean created;

    private RunFolder(Path dir, FolderLock lock, boolean created) {
        this.dir = dir;
        this.lock = lock;
        this.created = created;
    }

    /**
     * Takes the folder (creating it if needed) or fails with the holder's PID, host and start time when another run
     * has it; then removes the temporary checkpoints a killed run left behind.
     */
    public static RunFolder lock(Path dir) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IOException(dir + ": expected a run folder, found a file");
        }
        boolean created = !Files.exists(dir);
        Files.createDirectories(dir);
        FolderLock l = FolderLock.take(dir, LOCK, "wait for it to end or choose another --out");
        RunFolder f = new RunFolder(dir, l, created);
        CheckpointStore.removeLeftovers(dir.resolve("checkpoints"));
        return f;
    }

    public Path dir() {
        return dir;
    }

    /**
     * Fails when this folder holds a run of another recipe (unless {@code allowChange}); call before anything is
     * written. Returns true when a recipe.json exists and differs.
     */
    public boolean checkRecipe(String recipeJson, boolean allowChange) throws IOException {
        Path file = dir.resolve(RECIPE);
        if (!Files.isRegularFile(file)) {
            return false;
        }
        JsonNode old;
        try {
            old = JSON.readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(file + ":" + e.getLocation().getLineNr() + ": expected the run's recipe JSON ("
                    + e.getOriginalMessage() + ")");
        }
        List<String> changes = new ArrayList<>();
        List<String> trainingChanges = new ArrayList<>();
        diff("", old, JSON.readTree(recipeJson), changes, trainingChanges);
        if (!trainingChanges.isEmpty() && !allowChange) {
            throw new IllegalArgumentException(file + ": " + String.join(", ", trainingChanges)
                    + "; use --allow-recipe-change to continue");
        }
        return !changes.isEmpty();
    }

    /** Writes recipe.json, keeping a differing previous one as recipe.N.json (N = 1, 2, ... oldest first). */
    public void writeRecipe(String recipeJson) throws IOException {
        Path file = dir.resolve(RECIPE);
        if (Files.isRegularFile(file)) {
            if (JSON.readTree(Files.readString(file)).equals(JSON.readTree(recipeJson))) {
                return;
            }
            int n = 1;
            while (Files.exists(dir.resolve("recipe." + n + ".json"))) {
                n++;
            }
            Files.copy(file, dir.resolve("recipe." + n + ".json"));
        }
        AtomicFiles.writeString(file, recipeJson);
    }

    /** Releases the folder; one this run created and left empty (a failed start) is removed. */
    @Override
    public void close() throws IOException {
        lock.close();
        if (created) {
            try (Stream<Path> s = Files.list(dir)) {
                if (s.allMatch(p -> p.getFileName().toString().equals(LOCK))) {
                    Files.deleteIfExists(dir.resolve(LOCK));
                    Files.deleteIfExists(dir);
                }
            }
        }
    }

    private static void diff(String path, JsonNode a, JsonNode b, List<String> all, List<String> training) {
        if (a != null && b != null && a.isObject() && b.isObject()) {
            Set<String> names = new java.util.LinkedHashSet<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            for (String n : names) {
                diff(path.isEmpty() ? n : path + "." + n, a.get(n), b.get(n), all, training);
            }
            return;
        }
        if (a == null ? b == null : a.equals(b) || (a.isNumber() && b != null && b.isNumber()
                && a.asDouble() == b.asDouble())) {
            return;
        }
        String change = OPTION_NAMES.getOrDefault(path, path) + " " + show(a) + " -> " + show(b);
        all.add(change);
        if (!NOT_TRAINING.contains(path)) {
            training.add(change);
        }
    }

    private static String show(JsonNode n) {
        return n == null ? "(none)" : n.isTextual() ? n.asText() : n.toString();
    }
}
