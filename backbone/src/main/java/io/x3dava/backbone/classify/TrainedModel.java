package io.x3dava.backbone.classify;

import io.x3dava.backbone.train.CheckpointStore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.x3dava.annotations.json.Json;
import io.x3dava.backbone.x3d.X3DConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Weights to start from or to test, and what the project's checkpoint says about them. Accepts a checkpoint directory
 * ({@code epoch_NNNN/}), its model.safetensors, a run folder (its newest checkpoint under {@code checkpoints/}), or a
 * bare weights file (.pyth / .pt from PySlowFast or PyTorchVideo, .safetensors) that has no config.json.
 *
 * @param weights the weights file
 * @param task the task from config.json (Kinetics when it names none), or null for a bare weights file
 * @param model the network from config.json, or null
 * @param classes class names from config.json (empty when unknown)
 */
public record TrainedModel(Path weights, ClassificationTask task, X3DConfig model, List<String> classes) {

    private static final ObjectMapper JSON = Json.mapper();

    public TrainedModel {
        classes = List.copyOf(classes);
    }

    public boolean hasConfig() {
        return model != null;
    }

    public static TrainedModel locate(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new IOException(path + ": no such checkpoint (give a checkpoint directory, its model.safetensors, "
                    + "a run folder, or a .pyth / .safetensors file)");
        }
        Path dir = path;
        if (Files.isDirectory(path) && !Files.isRegularFile(path.resolve("model.safetensors"))) {
            Optional<CheckpointStore.Checkpoint> newest = new CheckpointStore(path.resolve("checkpoints"), 1).latest();
            if (newest.isEmpty()) {
                throw new IOException(path + ": a folder without model.safetensors and without checkpoints/epoch_NNNN/");
            }
            dir = newest.get().dir();
        }
        Path weights = CheckpointStore.weightsFile(dir);
        Path config = weights.resolveSibling("config.json");
        if (!Files.isRegularFile(config)) {
            return new TrainedModel(weights, null, null, List.of());
        }
        return readConfig(weights, config);
    }

    private static TrainedModel readConfig(Path weights, Path config) throws IOException {
        JsonNode doc = Json.readTree(config);
        JsonNode model = doc.get("model");
        if (model == null || !model.isObject()) {
            throw new IOException(config + ": no \"model\" object (expected {task, model, classes})");
        }
        X3DConfig x3d;
        try {
            x3d = X3DConfig.fromJson(model.toString());
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException(config + ": bad \"model\": " + e.getMessage(), e);
        }
        ClassificationTask task;
        try {
            task = doc.hasNonNull("task") ? ClassificationTask.of(doc.get("task").asText()) : ClassificationTask.KINETICS;
        } catch (IllegalArgumentException e) {
            throw new IOException(config + ": " + e.getMessage(), e);
        }
        List<String> classes = new ArrayList<>();
        if (doc.has("classes")) {
            doc.get("classes").forEach(n -> classes.add(n.asText()));
        }
        if (!classes.isEmpty() && classes.size() != x3d.numClasses()) {
            throw new IOException(config + ": " + classes.size() + " class names for a " + x3d.numClasses()
                    + "-way classifier");
        }
        return new TrainedModel(weights, task, x3d, classes);
    }
}
