package io.x3dava.backbone.checkpoint;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.x3dava.backbone.checkpoint.PickleValues.None;
import io.x3dava.backbone.checkpoint.PickleValues.Opaque;
import io.x3dava.backbone.checkpoint.PickleValues.Tuple;

/**
 * The allow-list of globals a torch.save pickle may name, and what calling them means here: tensors become
 * {@link TensorRef}s, OrderedDicts become LinkedHashMaps, and a few harmless configuration types found next to
 * state dicts become {@link Opaque} placeholders. Any other global is rejected by name before it could be used.
 * Persistent ids are delegated to {@link TorchStorages}.
 */
final class TorchPickleResolver implements PickleResolver {
    /** Placeholders: values of these types only appear in metadata entries and are never needed. */
    private static final Set<String> OPAQUE = Set.of(
            "builtins.set", "builtins.frozenset", "builtins.slice", "argparse.Namespace",
            "yacs.config.CfgNode", "fvcore.common.config.CfgNode", "collections.defaultdict",
            "torch.device", "_codecs.encode", "pathlib.PosixPath", "pathlib.WindowsPath",
            "numpy.core.multiarray.scalar", "numpy._core.multiarray.scalar", "numpy.dtype");

    private static final Map<String, TensorDType> STORAGE_TYPES = Map.of(
            "FloatStorage", TensorDType.FLOAT32, "DoubleStorage", TensorDType.FLOAT64,
            "HalfStorage", TensorDType.FLOAT16, "BFloat16Storage", TensorDType.BFLOAT16,
            "LongStorage", TensorDType.INT64, "IntStorage", TensorDType.INT32,
            "ShortStorage", TensorDType.INT16, "CharStorage", TensorDType.INT8,
            "ByteStorage", TensorDType.UINT8, "BoolStorage", TensorDType.BOOL);

    /** The callables we interpret; each is a distinct token, compared by identity. */
    private enum Callable { ORDERED_DICT, REBUILD_TENSOR_V2, REBUILD_TENSOR, REBUILD_PARAMETER, TORCH_SIZE }

    /** A torch.*Storage class as it appears inside persistent ids. */
    record StorageType(TensorDType dtype) {
    }

    /** A placeholder class: calling it gives an {@link Opaque}. */
    private record OpaqueType(String name) {
    }

    private final TorchStorages storages;

    TorchPickleResolver(TorchStorages storages) {
        this.storages = storages;
    }

    @Override
    public Object resolveGlobal(String module, String name) throws PickleException {
        String full = module + "." + name;
        switch (full) {
            case "collections.OrderedDict":
                return Callable.ORDERED_DICT;
            case "torch._utils._rebuild_tensor_v2":
                return Callable.REBUILD_TENSOR_V2;
            case "torch._utils._rebuild_tensor":
                return Callable.REBUILD_TENSOR;
            case "torch._utils._rebuild_parameter", "torch._utils._rebuild_parameter_with_state":
                return Callable.REBUILD_PARAMETER;
            case "torch.Size":
                return Callable.TORCH_SIZE;
            default:
                break;
        }
        if (module.equals("torch") && STORAGE_TYPES.containsKey(name)) {
            return new StorageType(STORAGE_TYPES.get(name));
        }
        if (OPAQUE.contains(full)) {
            return new OpaqueType(full);
        }
        throw new PickleException("pickle refers to global '" + full + "', which is not allowed in a checkpoint"
                + " (only tensors, OrderedDicts and plain values are read)");
    }

    @Override
    public Object call(Object callable, List<Object> args) throws PickleException {
        if (callable instanceof OpaqueType t) {
            return new Opaque(t.name());
        }
        if (!(callable instanceof Callable c)) {
            throw new PickleException("cannot call a " + PickleValues.typeName(callable));
        }
        return switch (c) {
            case ORDERED_DICT -> orderedDict(args);
            case REBUILD_TENSOR_V2 -> tensor(args, 6);
            case REBUILD_TENSOR -> tensor(args, 4);
            case REBUILD_PARAMETER -> {
                if (args.size() < 3 || !(args.get(0) instanceof TensorRef t)) {
                    throw new PickleException("_rebuild_parameter needs (tensor, requires_grad, hooks)");
                }
                yield t;
            }
            case TORCH_SIZE -> {
                if (args.size() != 1 || !(args.get(0) instanceof Tuple t)) {
                    throw new PickleException("torch.Size needs one tuple");
                }
                yield t;
            }
        };
    }

    @Override
    public Object persistentLoad(Object pid) throws PickleException {
        return storages.persistentLoad(pid);
    }

    private static Map<Object, Object> orderedDict(List<Object> args) throws PickleException {
        Map<Object, Object> d = new LinkedHashMap<>();
        if (args.isEmpty()) {
            return d;
        }
        if (args.size() != 1 || !(args.get(0) instanceof List<?> pairs)) {
            throw new PickleException("OrderedDict needs () or a list of pairs");
        }
        for (Object p : pairs) {
            if (!(p instanceof Tuple t) || t.size() != 2 || t.get(0) instanceof List || t.get(0) instanceof Map) {
                throw new PickleException("OrderedDict item is not a (hashable key, value) pair");
            }
            d.put(t.get(0), t.get(1));
        }
        return d;
    }

    /** _rebuild_tensor_v2(storage, offset, size, stride, requires_grad, hooks[, metadata]) or the legacy 4-arg form. */
    private static TensorRef tensor(List<Object> args, int minArgs) throws PickleException {
        if (args.size() < minArgs || !(args.get(0) instanceof StorageRef storage)) {
            throw new PickleException("tensor rebuild needs (storage, offset, size, stride, ...), found "
                    + args.size() + " arguments" + (args.isEmpty() ? "" : " starting with a "
                    + PickleValues.typeName(args.get(0))));
        }
        long offset = integer(args.get(1), "storage offset");
        long[] size = ints(args.get(2), "size");
        long[] stride = ints(args.get(3), "stride");
        if (size.length != stride.length) {
            throw new PickleException("tensor size has " + size.length + " dimensions but stride " + stride.length);
        }
        TensorViews.check(storage, offset, size, stride);
        return new TensorRef(storage, offset, size, stride);
    }

    private static long[] ints(Object v, String what) throws PickleException {
        if (!(v instanceof Tuple t)) {
            throw new PickleException("tensor " + what + " is a " + PickleValues.typeName(v) + ", not a tuple");
        }
        if (t.size() > TensorViews.MAX_DIMS) {
            throw new PickleException("tensor " + what + " has " + t.size() + " dimensions");
        }
        long[] out = new long[t.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = integer(t.get(i), what);
        }
        return out;
    }

    static long integer(Object v, String what) throws PickleException {
        if (v instanceof Long l) {
            return l;
        }
        throw new PickleException(what + " is a " + PickleValues.typeName(v) + ", expected an int");
    }

    static boolean isNone(Object v) {
        return v instanceof None;
    }
}
