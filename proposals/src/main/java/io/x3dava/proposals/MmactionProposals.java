package io.x3dava.proposals;

import io.x3dava.annotations.ava.AvaBox;
import io.x3dava.annotations.ava.Keyframe;
import io.x3dava.backbone.checkpoint.CheckpointFormatException;
import io.x3dava.backbone.checkpoint.PickleMachine;
import io.x3dava.backbone.checkpoint.PickleValues;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * MMAction2's dense person proposals ({@code ava_dense_proposals_{train,val}.FAIR.recall_93.9.pkl}): a pickled dict
 * {@code {"<video_id>,<%04d timestamp>": float32 array N x 5 (x1, y1, x2, y2, score), normalized}}. The pickle is
 * read with the backbone's safe pickle machine and {@link NumpyPickleResolver}: no Python code can run. N x 4 arrays
 * (no score column) get score 1, as MMAction2 treats them.
 */
public final class MmactionProposals {
    /** The files are ~100 MB; the bound only keeps a mistaken path from being read into memory whole. */
    static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 16;

    private MmactionProposals() {
    }

    public static ProposalSet read(Path pkl, double minScore) throws IOException {
        if (!Files.isRegularFile(pkl)) {
            throw new CheckpointFormatException(pkl, "file not found (expected an MMAction2 proposals .pkl)");
        }
        if (Files.size(pkl) > MAX_FILE_BYTES) {
            throw new CheckpointFormatException(pkl, "file of " + Files.size(pkl) + " bytes is too large for a proposals pickle");
        }
        Object top = new PickleMachine(pkl, ByteBuffer.wrap(Files.readAllBytes(pkl)), 0, new NumpyPickleResolver()).load();
        if (!(top instanceof Map<?, ?> dict)) {
            throw new CheckpointFormatException(pkl, "top-level object is a " + PickleValues.typeName(top)
                    + ", expected a dict {\"<video_id>,<timestamp>\": N x 5 array}");
        }
        List<PersonBox> kept = new ArrayList<>();
        for (Map.Entry<?, ?> e : dict.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new CheckpointFormatException(pkl, "dict key is a " + PickleValues.typeName(e.getKey())
                        + ", expected \"<video_id>,<timestamp>\"");
            }
            Keyframe kf = keyframe(pkl, key);
            if (!(e.getValue() instanceof NumpyArray a) || !a.isBuilt()) {
                throw new CheckpointFormatException(pkl, "entry '" + key + "' is a "
                        + PickleValues.typeName(e.getValue()) + ", expected a numpy float array N x 5");
            }
            long[] shape = a.shape();
            if (shape.length != 2 || (shape[1] != 5 && shape[1] != 4)) {
                throw new CheckpointFormatException(pkl, "entry '" + key + "' has shape " + a
                        + ", expected N x 5 (x1, y1, x2, y2, score) or N x 4");
            }
            for (int i = 0; i < shape[0]; i++) {
                double score = shape[1] == 5 ? a.get(i, 4) : 1.0;
                AvaBox box = box(pkl, key, i, a);
                if (score >= minScore) {
                    kept.add(new PersonBox(kf, box, score));
                }
            }
        }
        return ProposalSet.of(kept);
    }

    /** "vid,0902": the video id may itself hold commas in principle, so split at the last one. */
    private static Keyframe keyframe(Path pkl, String key) throws CheckpointFormatException {
        int comma = key.lastIndexOf(',');
        if (comma <= 0) {
            throw new CheckpointFormatException(pkl, "dict key '" + key + "' is not \"<video_id>,<timestamp>\"");
        }
        try {
            return new Keyframe(key.substring(0, comma), Integer.parseInt(key.substring(comma + 1).trim()));
        } catch (NumberFormatException ex) {
            throw new CheckpointFormatException(pkl, "dict key '" + key + "' has a non-integer timestamp");
        }
    }

    private static AvaBox box(Path pkl, String key, int row, NumpyArray a) throws CheckpointFormatException {
        double x1 = a.get(row, 0);
        double y1 = a.get(row, 1);
        double x2 = a.get(row, 2);
        double y2 = a.get(row, 3);
        boolean normalized = x1 >= 0 && y1 >= 0 && x2 <= 1 && y2 <= 1; // also false for NaN
        if (!normalized || !(x1 <= x2) || !(y1 <= y2)) {
            throw new CheckpointFormatException(pkl, "entry '" + key + "' row " + row + ": box (" + x1 + ", " + y1
                    + ", " + x2 + ", " + y2 + ") is not a normalized box with x1 <= x2, y1 <= y2");
        }
        return new AvaBox(x1, y1, x2, y2);
    }
}
