package io.x3dava.backbone.checkpoint;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * torch.save's legacy format (before PyTorch 1.6, or {@code _use_new_zipfile_serialization=False}), as
 * torch/serialization.py _legacy_load reads it: five consecutive pickles (magic number, protocol version 1001,
 * sys_info, the object itself, the list of storage keys), then for each listed key an int64 element count followed
 * by the storage's raw elements.
 */
final class TorchLegacyReader {
    static final BigInteger MAGIC = new BigInteger("1950a86a20f9469cfc6c", 16);
    static final long PROTOCOL_VERSION = 1001;
    /** No pickle of a real checkpoint comes near this; the storages after it may make the file much larger. */
    private static final long MAX_PICKLE_BYTES = Integer.MAX_VALUE;

    private TorchLegacyReader() {
    }

    /**
     * A binary pickle (PROTO 2..5). Legacy files start with the magic number pickled at protocol 2; any other
     * pickle is sent here too so that the error says what is wrong with it (a forbidden global, no magic number).
     */
    static boolean looksLegacy(ByteBuffer head) {
        return head.remaining() >= 3 && (head.get(0) & 0xff) == 0x80 && head.get(1) >= 2 && head.get(1) <= 5;
    }

    static LinkedHashMap<String, TensorData> read(MappedFile mf, CopyBudget budget) throws IOException {
        long[] pos = {0};
        Object magic = pickle(mf, pos, new TorchStorages(true));
        if (!MAGIC.equals(magic instanceof Long l ? BigInteger.valueOf(l) : magic)) {
            throw new CheckpointFormatException(mf.path(), "pickle stream does not start with torch's magic number"
                    + " (not a torch checkpoint?)");
        }
        Object version = pickle(mf, pos, new TorchStorages(true));
        if (!(version instanceof Long v) || v != PROTOCOL_VERSION) {
            throw new CheckpointFormatException(mf.path(), "legacy protocol version is "
                    + (version instanceof Long ? version : PickleValues.typeName(version)) + ", expected 1001");
        }
        Object sysInfo = pickle(mf, pos, new TorchStorages(true));
        if (sysInfo instanceof Map<?, ?> m && Boolean.FALSE.equals(m.get("little_endian"))) {
            throw new CheckpointFormatException(mf.path(), "checkpoint was written on a big-endian machine, not supported");
        }
        TorchStorages storages = new TorchStorages(true);
        Object top = pickle(mf, pos, storages);
        LinkedHashMap<String, TensorRef> refs = StateDictSelector.select(mf.path(), top);
        Object keys = pickle(mf, pos, new TorchStorages(true));
        Map<String, Long> dataOffsets = storageOffsets(mf, pos[0], keys, storages);
        return TorchTensors.materialise(mf.path(), refs, storages, (key, root) -> {
            Long offset = dataOffsets.get(key);
            if (offset == null) {
                throw new CheckpointFormatException(mf.path(), "storage '" + key + "' is used but has no data");
            }
            return mf.copy(offset, root.numel() * root.dtype().byteSize(), budget, "storage '" + key + "'");
        }, budget);
    }

    private static Object pickle(MappedFile mf, long[] pos, TorchStorages storages) throws IOException {
        ByteBuffer region = mf.mapUpTo(pos[0], MAX_PICKLE_BYTES, "pickle");
        Object v = new PickleMachine(mf.path(), region, pos[0], new TorchPickleResolver(storages)).load();
        pos[0] += region.position();
        return v;
    }

    /** Walks the storage records after the pickles: where each key's elements start, sizes checked. */
    private static Map<String, Long> storageOffsets(MappedFile mf, long start, Object keys, TorchStorages storages)
            throws IOException {
        if (!(keys instanceof List<?> list)) {
            throw new CheckpointFormatException(mf.path(), "storage key list is a " + PickleValues.typeName(keys));
        }
        Map<String, Long> offsets = new HashMap<>();
        long pos = start;
        for (Object k : list) {
            if (!(k instanceof String key) || !storages.roots().containsKey(key)) {
                throw new CheckpointFormatException(mf.path(), "storage key list names "
                        + (k instanceof String s ? "'" + s + "', which the pickle never used" : "a " + PickleValues.typeName(k)));
            }
            if (offsets.containsKey(key)) {
                throw new CheckpointFormatException(mf.path(), "storage '" + key + "' is listed twice");
            }
            TorchStorages.Root root = storages.roots().get(key);
            long numel = mf.map(pos, 8, "size of storage '" + key + "'").getLong();
            if (numel != root.numel()) {
                throw new CheckpointFormatException(mf.path(), "storage '" + key + "' at byte " + pos + " has "
                        + numel + " elements, the pickle says " + root.numel());
            }
            long nbytes = numel * root.dtype().byteSize();
            mf.map(pos + 8, 0, "storage '" + key + "'"); // start in bounds
            if (nbytes > mf.size() - pos - 8) {
                throw new CheckpointFormatException(mf.path(), "storage '" + key + "' at byte " + (pos + 8)
                        + " needs " + nbytes + " bytes but the file ends after " + (mf.size() - pos - 8)
                        + " (truncated?)");
            }
            offsets.put(key, pos + 8);
            pos += 8 + nbytes;
        }
        return offsets;
    }
}
