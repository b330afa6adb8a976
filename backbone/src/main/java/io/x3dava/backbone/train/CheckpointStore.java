package io.x3dava.backbone.train;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.x3dava.annotations.json.Json;
import io.x3dava.annotations.AtomicFiles;
import io.x3dava.backbone.checkpoint.Checkpoints;
import io.x3dava.backbone.checkpoint.TensorData;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Training checkpoints as directories {@code epoch_NNNN/} holding model.safetensors (reference key names, readable by
 * the safetensors Python package too), optimizer.safetensors (momentum buffers), config.json (what network and task)
 * and state.json (epoch, global step). A checkpoint is written to a temporary directory and renamed into place, so a
 * killed run never leaves a half-written one; only the newest {@code keepLast} are kept.
 */
public final class CheckpointStore {

    private static final Pattern NAME = Pattern.compile("epoch_(\\d{4,})");
    private static final Pattern LEFTOVER = Pattern.compile("\\.(epoch_\\d{4,})\\.(tmp|old)-.*");
    private static final ObjectMapper JSON = Json.mapper();

    /** A checkpoint on disk. */
    public record Checkpoint(Path dir, int epoch, long globalStep) {

        public Path model() {
            return dir.resolve("model.safetensors");
        }

        public Path optimizer() {
            return dir.resolve("optimizer.safetensors");
        }

        public Path config() {
            return dir.resolve("config.json");
        }
    }

    private final Path root;
    private final int keepLast;

    public CheckpointStore(Path root, int keepLast) {
        this.root = root;
        this.keepLast = keepLast;
    }

    /** The weights in {@code path}: a checkpoint folder's model.safetensors, or the file itself (.pyth etc.). */
    public static Path weightsFile(Path path) {
        return Files.isDirectory(path) ? path.resolve("model.safetensors") : path;
    }

    public Path root() {
        return root;
    }

    public Checkpoint save(int epoch, long globalStep, Map<String, TensorData> model, Map<String, TensorData> optimizer,
                           String configJson) throws IOException {
        return save(epoch, globalStep, model, optimizer, configJson, Map.of());
    }

    /** As {@link #save(int, long, Map, Map, String)}, with more text files (name to content) in the same folder. */
    public Checkpoint save(int epoch, long globalStep, Map<String, TensorData> model, Map<String, TensorData> optimizer,
                           String configJson, Map<String, String> files) throws IOException {
        Files.createDirectories(root);
        String name = String.format("epoch_%04d", epoch);
        // Not Files.createTempDirectory: it makes the folder 0700; checkpoints follow the user's umask like any file.
        Path tmp = Files.createDirectory(root.resolve("." + name + ".tmp-" + ProcessHandle.current().pid() + "-"
                + System.nanoTime()));
        try {
            Checkpoints.writeSafetensors(tmp.resolve("model.safetensors"), model);
            Checkpoints.writeSafetensors(tmp.resolve("optimizer.safetensors"), optimizer);
            AtomicFiles.writeString(tmp.resolve("config.json"), configJson);
            for (Map.Entry<String, String> f : files.entrySet()) {
                AtomicFiles.writeString(tmp.resolve(f.getKey()), f.getValue());
            }
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("epoch", epoch);
            state.put("globalStep", globalStep);
            AtomicFiles.writeString(tmp.resolve("state.json"), JSON.writeValueAsString(state));
            Path target = root.resolve(name);
            if (Files.exists(target)) {
                Path old = root.resolve("." + name + ".old-" + System.nanoTime());
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                deleteTree(old);
            } else {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            }
            prune();
            return new Checkpoint(target, epoch, globalStep);
        } finally {
            if (Files.exists(tmp)) {
                deleteTree(tmp);
            }
        }
    }

    /**
     * Cleans what a killed run left in {@code root}: half-written {@code .epoch_NNNN.tmp-*} folders are deleted; a
     * replaced {@code .epoch_NNNN.old-*} is deleted, or renamed back when the kill came before its replacement was
     * in place. Only the process holding the run folder's lock may call this.
     */
    public static void removeLeftovers(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        List<Path> stale;
        try (Stream<Path> s = Files.list(root)) {
            stale = s.filter(p -> LEFTOVER.matcher(p.getFileName().toString()).matches()).sorted().toList();
        }
        for (Path p : stale) {
            Matcher m = LEFTOVER.matcher(p.getFileName().toString());
            m.matches();
            Path complete = root.resolve(m.group(1));
            if (m.group(2).equals("old") && !Files.exists(complete)) {
                Files.move(p, complete, StandardCopyOption.ATOMIC_MOVE);
            } else {
                deleteTree(p);
            }
        }
    }

    /** Complete checkpoints, oldest first. */
    public List<Checkpoint> list() throws IOException {
        List<Checkpoint> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (Stream<Path> s = Files.list(root)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Matcher m = NAME.matcher(p.getFileName().toString());
                if (m.matches() && Files.isRegularFile(p.resolve("state.json"))) {
                    var state = JSON.readTree(p.resolve("state.json").toFile());
                    out.add(new Checkpoint(p, state.get("epoch").asInt(), state.get("globalStep").asLong()));
                }
            }
        }
        out.sort(Comparator.comparingInt(Checkpoint::epoch));
        return out;
    }

    public Optional<Checkpoint> latest() throws IOException {
        List<Checkpoint> all = list();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    private void prune() throws IOException {
        List<Checkpoint> all = list();
        for (int i = 0; i < all.size() - keepLast; i++) {
            deleteTree(all.get(i).dir());
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
