package io.x3dava.backbone.checkpoint;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import io.x3dava.backbone.checkpoint.PickleValues.Tuple;
import io.x3dava.backbone.checkpoint.TorchPickleResolver.StorageType;

/**
 * Interprets torch persistent ids and remembers every root storage they name (key -> dtype and element count), so
 * that the readers know what bytes to expect for each key.
 * <ul>
 * <li>zip format: {@code ('storage', storage_type, key, location, numel)}</li>
 * <li>legacy format: {@code ('storage', storage_type, root_key, location, numel, view_metadata)} where
 * view_metadata is None or {@code (view_key, offset, view_numel)}, as torch/serialization.py _legacy_load reads it</li>
 * </ul>
 */
final class TorchStorages {
    /** A storage as written to the file. */
    record Root(TensorDType dtype, long numel) {
    }

    private final boolean legacy;
    private final Map<String, Root> roots = new LinkedHashMap<>();
    private final Map<String, StorageRef> views = new HashMap<>();

    TorchStorages(boolean legacy) {
        this.legacy = legacy;
    }

    /** Root storages by key, in the order the pickle first named them. */
    Map<String, Root> roots() {
        return roots;
    }

    StorageRef persistentLoad(Object pid) throws PickleException {
        int arity = legacy ? 6 : 5;
        if (!(pid instanceof Tuple t) || t.size() != arity) {
            throw new PickleException("persistent id is a " + PickleValues.typeName(pid) + ", expected a tuple of "
                    + arity + " ('storage', type, key, location, numel" + (legacy ? ", view)" : ")")
                    + (legacy ? "" : " (is this a legacy-format file with a zip header?)"));
        }
        if (!"storage".equals(text(t.get(0)))) {
            throw new PickleException("persistent id of kind '" + text(t.get(0)) + "' is not supported (only 'storage')");
        }
        if (!(t.get(1) instanceof StorageType type)) {
            throw new PickleException("persistent id names a " + PickleValues.typeName(t.get(1))
                    + " instead of a torch storage class");
        }
        String key = text(t.get(2));
        if (key == null) {
            throw new PickleException("storage key is a " + PickleValues.typeName(t.get(2)) + ", not a string");
        }
        long numel = TorchPickleResolver.integer(t.get(4), "storage size");
        if (numel < 0 || numel > Long.MAX_VALUE / 8) {
            throw new PickleException("storage '" + key + "' has an impossible size of " + numel + " elements");
        }
        Root root = new Root(type.dtype(), numel);
        Root known = roots.putIfAbsent(key, root);
        if (known != null && !known.equals(root)) {
            throw new PickleException("storage '" + key + "' is named as " + known.numel() + " x " + known.dtype()
                    + " and as " + numel + " x " + type.dtype());
        }
        if (!legacy || TorchPickleResolver.isNone(t.get(5))) {
            return new StorageRef(key, type.dtype(), 0, numel);
        }
        return view(key, root, t.get(5));
    }

    private StorageRef view(String rootKey, Root root, Object meta) throws PickleException {
        if (!(meta instanceof Tuple v) || v.size() != 3 || text(v.get(0)) == null) {
            throw new PickleException("storage view metadata is a " + PickleValues.typeName(meta)
                    + ", expected (view_key, offset, numel)");
        }
        String viewKey = text(v.get(0));
        long offset = TorchPickleResolver.integer(v.get(1), "storage view offset");
        long numel = TorchPickleResolver.integer(v.get(2), "storage view size");
        if (offset < 0 || numel < 0 || offset > root.numel() || numel > root.numel() - offset) {
            throw new PickleException("storage view '" + viewKey + "' [" + offset + ", +" + numel
                    + ") does not fit its root storage '" + rootKey + "' of " + root.numel() + " elements");
        }
        StorageRef ref = new StorageRef(rootKey, root.dtype(), offset, numel);
        StorageRef known = views.putIfAbsent(viewKey, ref);
        return known != null ? known : ref; // torch keeps the first view object made for a key
    }

    /** str, or bytes from Python 2 files (torch's _maybe_decode_ascii). */
    private static String text(Object v) {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof byte[] b) {
            return new String(b, StandardCharsets.ISO_8859_1);
        }
        return null;
    }
}
