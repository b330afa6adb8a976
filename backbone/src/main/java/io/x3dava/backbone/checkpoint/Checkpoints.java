package io.x3dava.backbone.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes tensor checkpoints without Python and without running anything from the file: torch.save zip
 * and legacy formats (through an allow-listed pickle machine), .npz and .safetensors.
 */
public final class Checkpoints {
    private Checkpoints() {
    }

    /**
     * Reads a state dict (parameter name -> tensor, in file order) from: torch.save zip format (since PyTorch 1.6),
     * torch.save legacy format (magic-number pickle stream followed by storages), .npz (numpy, stored or deflated
     * entries), .safetensors. Format is detected from content, not extension. For torch files whose top-level
     * object is a dict containing "model_state" (PySlowFast), "state_dict" or "model" (other tools) that is itself
     * a dict of tensors, that inner dict is returned; if the top-level dict is itself name->tensor, it is returned.
     * Non-tensor entries are skipped.
     *
     * @throws CheckpointFormatException if the file is truncated, corrupt, of no supported format, or names a
     *                                   Python global outside the allow-list
     */
    public static LinkedHashMap<String, TensorData> readStateDict(Path file) throws IOException {
        if (java.nio.file.Files.isDirectory(file)) {
            throw new CheckpointFormatException(file, "expected a checkpoint file, found a folder");
        }
        try (MappedFile mf = new MappedFile(file)) {
            CopyBudget budget = new CopyBudget(file, mf.size());
            ByteBuffer head = mf.mapUpTo(0, 16, "file header");
            if (isZip(head)) {
                return readZip(file, mf.size(), budget);
            }
            // safetensors before pickles: a header length like 0x280 starts with the bytes of PROTO 2
            if (SafetensorsReader.looksSafetensors(head, mf.size())) {
                return SafetensorsReader.read(mf, budget);
            }
            if (TorchLegacyReader.looksLegacy(head)) {
                return TorchLegacyReader.read(mf, budget);
            }
            throw new CheckpointFormatException(file, "unknown format: not a zip (torch or .npz), not a legacy torch"
                    + " pickle, not .safetensors (" + mf.size() + " bytes)");
        } catch (RuntimeException e) {
            // a reader bug must still surface as a bad-file error for callers, but visibly marked as ours
            throw new CheckpointFormatException(file, "internal error while reading (" + e + ")", e);
        }
    }

    /** Writes .safetensors, tensors in map order; atomic (temporary file in the same directory, then renamed). */
    public static void writeSafetensors(Path file, Map<String, TensorData> tensors) throws IOException {
        SafetensorsWriter.write(file, tensors);
    }

    /** Writes an uncompressed .npz as numpy.savez does (no bfloat16: numpy lacks it); atomic. */
    public static void writeNpz(Path file, Map<String, TensorData> tensors) throws IOException {
        NpzWriter.write(file, tensors);
    }

    private static boolean isZip(ByteBuffer head) {
        // local file header, or the end record of an empty archive
        return head.remaining() >= 4 && head.get(0) == 'P' && head.get(1) == 'K'
                && ((head.get(2) == 3 && head.get(3) == 4) || (head.get(2) == 5 && head.get(3) == 6));
    }

    private static LinkedHashMap<String, TensorData> readZip(Path file, long size, CopyBudget budget)
            throws IOException {
        try (ZipArchive zip = new ZipArchive(file, size)) {
            List<String> names = zip.names();
            String archive = TorchZipReader.archiveName(names);
            if (archive != null) {
                return TorchZipReader.read(file, zip, archive, budget);
            }
            if (NpzReader.isNpz(names)) {
                return NpzReader.read(file, zip, budget);
            }
            throw new CheckpointFormatException(file, "zip archive is neither a torch checkpoint (no <archive>/data.pkl)"
                    + " nor an .npz (no .npy entries)");
        }
    }
}
