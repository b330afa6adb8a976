package io.x3dava.backbone.checkpoint;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the state dict in an unpickled torch checkpoint: the dict under "model_state" (PySlowFast), "state_dict" or
 * "model" (other tools) if it holds tensors, else the top-level dict itself. Non-tensor entries are skipped.
 */
final class StateDictSelector {
    static final List<String> WRAPPER_KEYS = List.of("model_state", "state_dict", "model");

    private StateDictSelector() {
    }

    static LinkedHashMap<String, TensorRef> select(Path file, Object top) throws CheckpointFormatException {
        if (!(top instanceof Map<?, ?> dict)) {
            throw new CheckpointFormatException(file, "top-level object is a " + PickleValues.typeName(top)
                    + ", expected a dict (a state dict or a checkpoint dict holding one)");
        }
        for (String key : WRAPPER_KEYS) {
            if (dict.get(key) instanceof Map<?, ?> inner) {
                LinkedHashMap<String, TensorRef> tensors = tensors(inner);
                if (!tensors.isEmpty()) {
                    return tensors;
                }
            }
        }
        LinkedHashMap<String, TensorRef> tensors = tensors(dict);
        if (tensors.isEmpty()) {
            throw new CheckpointFormatException(file, "no tensors found: the top-level dict has keys "
                    + describeKeys(dict) + " and none of " + WRAPPER_KEYS + " is a dict of tensors");
        }
        return tensors;
    }

    private static LinkedHashMap<String, TensorRef> tensors(Map<?, ?> dict) {
        LinkedHashMap<String, TensorRef> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : dict.entrySet()) {
            if (e.getKey() instanceof String name && e.getValue() instanceof TensorRef t) {
                out.put(name, t);
            }
        }
        return out;
    }

    private static String describeKeys(Map<?, ?> dict) {
        List<String> keys = new ArrayList<>();
        for (Object k : dict.keySet()) {
            if (keys.size() == 10) {
                keys.add("...");
                break;
            }
            keys.add(k instanceof String s ? "'" + s + "'" : PickleValues.typeName(k));
        }
        return keys.toString();
    }
}
