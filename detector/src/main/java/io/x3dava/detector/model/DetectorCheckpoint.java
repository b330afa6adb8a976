package io.x3dava.detector.model;

import com.fasterxml.jackson.databind.JsonNode;

import io.x3dava.annotations.AnnotationFormatException;
import io.x3dava.annotations.ava.LabelMap;
import io.x3dava.annotations.json.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * An AVA detector checkpoint folder ({@code epoch_NNNN/} or {@code best/}, as train-ava and the demo write them):
 * config.json with the {@code detector} section (what network), model.safetensors (PySlowFast key names) and
 * {@value #LABEL_MAP}, the label map the detector was trained with (class index i is action id i + 1), so that
 * detect-video, view, detect-ava and export-onnx name the actions without being told.
 *
 * @param dir the checkpoint folder
 * @param config the detector
 * @param labels the action names, or null for a checkpoint written before checkpoints carried them
 */
public record DetectorCheckpoint(Path dir, DetectorConfig config, LabelMap labels) {

    /** The label map's file name inside a checkpoint folder. */
    public static final String LABEL_MAP = "labelmap.pbtxt";

    /** Reads {@code dir/config.json} and, if present, {@code dir/labelmap.pbtxt}. */
    public static DetectorCheckpoint read(Path dir) throws IOException {
        Path cfgFile = dir.resolve("config.json");
        if (!Files.isRegularFile(cfgFile)) {
            throw new IOException(dir + ": not a detector checkpoint (expected a folder epoch_NNNN with"
                    + " config.json and model.safetensors, as written by train-ava or scripts/demo under"
                    + " runs/demo/ava/checkpoints/)");
        }
        JsonNode node = Json.readTree(cfgFile).get("detector");
        if (node == null) {
            throw new AnnotationFormatException(cfgFile, 1, "expected a \"detector\" section (an AVA detector"
                    + " checkpoint, not a backbone one)");
        }
        DetectorConfig config = Json.parse(node.toString(), DetectorConfig.class, cfgFile);
        Path labelFile = dir.resolve(LABEL_MAP);
        LabelMap labels = Files.isRegularFile(labelFile) ? LabelMap.read(labelFile) : null;
        if (labels != null && labels.maxId() > config.numClasses()) {
            throw new IOException(labelFile + ": class id " + labels.maxId() + " for a "
                    + config.numClasses() + "-class detector");
        }
        return new DetectorCheckpoint(dir, config, labels);
    }

    /** The checkpoint's label map file, or null when it has none. */
    public Path labelMapFile() {
        return labels == null ? null : dir.resolve(LABEL_MAP);
    }

    /** The files a checkpoint gets beside config.json for these labels (none for null). */
    public static Map<String, String> files(LabelMap labels) {
        return labels == null ? Map.of() : Map.of(LABEL_MAP, labels.toText());
    }

    /**
     * The action name of class index {@code k} (action id k + 1): the label map's name, or "action ID" where the
     * checkpoint has no name for it.
     */
    public String className(int k) {
        int id = k + 1;
        return labels != null && labels.contains(id) ? labels.name(id) : "action " + id;
    }
}
