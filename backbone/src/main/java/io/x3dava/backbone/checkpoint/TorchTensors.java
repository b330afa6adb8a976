package io.x3dava.backbone.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns the {@link TensorRef}s of a selected state dict into {@link TensorData}, fetching each root storage's bytes
 * once (several tensors may share one storage) from a format-specific source.
 */
final class TorchTensors {
    /** Bytes of a root storage: exactly {@code numel * dtype.byteSize()} of them, element 0 at position 0. */
    interface StorageSource {
        ByteBuffer bytes(String rootKey, TorchStorages.Root root) throws IOException;
    }

    private TorchTensors() {
    }

    static LinkedHashMap<String, TensorData> materialise(Path file, Map<String, TensorRef> refs,
                                                         TorchStorages storages, StorageSource source,
                                                         CopyBudget budget) throws IOException {
        Map<String, ByteBuffer> loaded = new HashMap<>();
        LinkedHashMap<String, TensorData> out = new LinkedHashMap<>();
        for (Map.Entry<String, TensorRef> e : refs.entrySet()) {
            TensorRef t = e.getValue();
            StorageRef s = t.storage();
            TorchStorages.Root root = storages.roots().get(s.rootKey());
            ByteBuffer rootBytes = loaded.get(s.rootKey());
            if (rootBytes == null) {
                rootBytes = source.bytes(s.rootKey(), root);
                loaded.put(s.rootKey(), rootBytes);
            }
            int es = s.dtype().byteSize();
            // rootOffset + numel <= root numel was checked when the persistent id was read
            ByteBuffer storage = rootBytes.slice((int) (s.rootOffset() * es), (int) (s.numel() * es));
            ByteBuffer data = TensorViews.materialise(storage, es, t.storageOffset(), t.size(), t.stride(),
                    budget, e.getKey());
            out.put(e.getKey(), new TensorData(e.getKey(), s.dtype(), t.size(), data));
        }
        return out;
    }
}
