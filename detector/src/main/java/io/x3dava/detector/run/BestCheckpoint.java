package io.x3dava.detector.run;

import io.x3dava.annotations.AtomicFiles;
import io.x3dava.annotations.json.Json;
import io.x3dava.backbone.checkpoint.Checkpoints;
import io.x3dava.backbone.checkpoint.TensorData;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.Stream;

/**
 * {@code best/} of a run folder: the weights with the highest validation score so far, as a checkpoint folder
 * (model.safetensors, config.json, state.json with epoch and score) that detect-ava reads like any epoch_NNNN. Written
 * to a temporary folder and renamed into place, so a killed run keeps the previous best whole.
 */
public final class BestCheckpoint {

    private final Path dir;
    private final String metric;

    /**
     * @param dir the best/ folder
     * @param metric the score's name in state.json (higher is better)
     */
    public BestCheckpoint(Path dir, String metric) {
        this.dir = dir;
        this.metric = metric;
    }

    public Path dir() {
        return dir;
    }

    /** The score of the kept checkpoint, if any (a resumed run continues from it). */
    public OptionalDouble score() throws IOException {
        Path state = dir.resolve("state.json");
        if (!Files.isRegularFile(state)) {
            return OptionalDouble.empty();
        }
        var node = Json.readTree(state).get(metric);
        if (node == null || !node.isNumber()) {
            throw new IOException(state + ":1: expected a number field \"" + metric + "\"");
        }
        return OptionalDouble.of(node.asDouble());
    }

    /** Replaces best/ with these weights when {@code score} beats the kept one; true if it did. */
    public boolean offer(int epoch, double score, Map<String, TensorData> model, String configJson)
            throws IOException {
        return offer(epoch, score, model, configJson, Map.of());
    }

    /** As {@link #offer(int, double, Map, String)}, with more text files (name to content) in the folder. */
    public boolean offer(int epoch, double score, Map<String, TensorData> model, String configJson,
                         Map<String, String> files) throws IOException {
        OptionalDouble kept = score();
        if (!Double.isFinite(score) || (kept.isPresent() && score <= kept.getAsDouble())) {
            return false;
        }
        Path parent = dir.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempDirectory(parent, "." + dir.getFileName() + ".tmp-");
        try {
            Checkpoints.writeSafetensors(tmp.resolve("model.safetensors"), model);
            AtomicFiles.writeString(tmp.resolve("config.json"), configJson);
            for (Map.Entry<String, String> f : files.entrySet()) {
                AtomicFiles.writeString(tmp.resolve(f.getKey()), f.getValue());
            }
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("epoch", epoch);
            state.put(metric, score);
            AtomicFiles.writeString(tmp.resolve("state.json"), Json.toString(state));
            if (Files.exists(dir)) {
                Path old = parent.resolve("." + dir.getFileName() + ".old-" + System.nanoTime());
                Files.move(dir, old, StandardCopyOption.ATOMIC_MOVE);
                Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
                deleteTree(old);
            } else {
                Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            }
            return true;
        } finally {
            if (Files.exists(tmp)) {
                deleteTree(tmp);
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
