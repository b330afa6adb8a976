package io.x3dava.backbone.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * torch.save's zip format (PyTorch 1.6+): {@code <archive>/data.pkl} is a pickle whose persistent ids name storages
 * stored as {@code <archive>/data/<key>} entries holding the raw little-endian elements.
 */
final class TorchZipReader {
    private TorchZipReader() {
    }

    /** The archive directory name if this zip holds a torch checkpoint, else null. */
    static String archiveName(List<String> names) {
        for (String n : names) {
            int slash = n.indexOf('/');
            if (slash > 0 && n.substring(slash).equals("/data.pkl")) {
                return n.substring(0, slash);
            }
        }
        return null;
    }

    static LinkedHashMap<String, TensorData> read(Path file, ZipArchive zip, String archive, CopyBudget budget)
            throws IOException {
        String byteorder = archive + "/byteorder";
        if (zip.contains(byteorder)) {
            String order = StandardCharsets.US_ASCII.decode(zip.read(byteorder, -1, budget)).toString().trim();
            if (!order.equals("little")) {
                throw new CheckpointFormatException(file, "byte order '" + order + "' is not supported (only little)");
            }
        }
        ByteBuffer pickle = zip.read(archive + "/data.pkl", -1, budget);
        TorchStorages storages = new TorchStorages(false);
        Object top = new PickleMachine(file, pickle, 0, new TorchPickleResolver(storages)).load();
        LinkedHashMap<String, TensorRef> refs = StateDictSelector.select(file, top);
        return TorchTensors.materialise(file, refs, storages, (key, root) -> {
            long nbytes = root.numel() * root.dtype().byteSize();
            return zip.read(archive + "/data/" + key, nbytes, budget);
        }, budget);
    }
}
