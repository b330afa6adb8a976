package io.x3dava.backbone.train;

import ai.djl.nn.Parameter;

import io.x3dava.backbone.checkpoint.Checkpoints;
import io.x3dava.backbone.checkpoint.TensorData;
import io.x3dava.backbone.x3d.WeightLoadReport;
import io.x3dava.backbone.x3d.X3DStateDict;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Starting a network from a checkpoint: the project's checkpoint folder or weights file, or a PySlowFast /
 * PyTorchVideo file; the parameters whose prefixes the caller leaves out (a classifier for another data set) keep their
 * initialisation, every other parameter must be in the file with its shape.
 */
public final class PretrainedWeights {

    /** The parameter prefixes to leave out, decided from the checkpoint's own tensors (e.g. its classifier width). */
    @FunctionalInterface
    public interface Exclusions {
        List<String> of(Map<String, TensorData> stateDict);
    }

    private PretrainedWeights() {
    }

    /**
     * Loads {@code checkpoint} into {@code params}; prints one line of what was loaded to {@code out}.
     *
     * @param target what the parameters are, for the error message ("X3D-M", "the detector")
     * @throws IOException the file is unreadable, or a parameter is missing or of another shape
     */
    public static WeightLoadReport load(Path checkpoint, Map<String, Parameter> params, Exclusions exclusions,
                                        String target, PrintStream out) throws IOException {
        Path file = CheckpointStore.weightsFile(checkpoint);
        Map<String, TensorData> sd = Checkpoints.readStateDict(file);
        List<String> excluded = exclusions.of(sd);
        WeightLoadReport r = X3DStateDict.load(params, sd, false, excluded);
        if (out != null) {
            out.println("initialised from " + file + ": " + r.summary()
                    + (excluded.isEmpty() ? "" : " (not taken: " + String.join("*, ", excluded) + "*)"));
        }
        if (!r.shapeMismatches().isEmpty() || !r.missing().isEmpty()) {
            throw new IOException(file + " does not fit " + target + ": " + r.summary());
        }
        return r;
    }
}
