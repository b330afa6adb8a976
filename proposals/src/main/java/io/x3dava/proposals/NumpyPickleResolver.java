package io.x3dava.proposals;

import io.x3dava.backbone.checkpoint.PickleException;
import io.x3dava.backbone.checkpoint.PickleResolver;
import io.x3dava.backbone.checkpoint.PickleValues;
import io.x3dava.backbone.checkpoint.PickleValues.Tuple;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The allow-list for numpy float arrays in a pickle (MMAction2's proposal files), for the backbone's safe
 * {@link io.x3dava.backbone.checkpoint.PickleMachine}. numpy pickles an array as
 * {@code _reconstruct(ndarray, (0,), b'b')} followed by BUILD with
 * {@code (version, shape, dtype, is_fortran, raw_bytes)}, the dtype itself as {@code dtype('f4', False, True)}
 * followed by BUILD with {@code (3, byte_order, ...)}. Exactly these globals are accepted:
 * {@code numpy.core.multiarray._reconstruct} (numpy 1.x) / {@code numpy._core.multiarray._reconstruct} (2.x),
 * {@code numpy.ndarray}, {@code numpy.dtype}, and {@code _codecs.encode}, which Python 3 uses to store bytes under
 * protocol 2 (latin-1 only). Anything else (os.system, builtins.eval, ...) is refused by name before use; nothing is
 * ever loaded or called by name.
 */
final class NumpyPickleResolver implements PickleResolver {
    /** Far above any proposal file (AVA train has ~2M boxes) but bounded so a hostile shape cannot exhaust the heap. */
    static final long MAX_ELEMENTS = 200_000_000L;

    private enum Callable { RECONSTRUCT, NDARRAY, DTYPE, CODECS_ENCODE }

    /** A numpy dtype under construction: its byte order arrives with BUILD. */
    private static final class DType {
        final String code;
        ByteOrder order = ByteOrder.LITTLE_ENDIAN;

        DType(String code) {
            this.code = code;
        }

        int itemSize() {
            return code.equals("f4") ? 4 : 8;
        }
    }

    @Override
    public Object resolveGlobal(String module, String name) throws PickleException {
        String full = module + "." + name;
        return switch (full) {
            case "numpy.core.multiarray._reconstruct", "numpy._core.multiarray._reconstruct" -> Callable.RECONSTRUCT;
            case "numpy.ndarray" -> Callable.NDARRAY;
            case "numpy.dtype" -> Callable.DTYPE;
            case "_codecs.encode" -> Callable.CODECS_ENCODE;
            default -> throw new PickleException("pickle refers to global '" + full + "', which is not allowed in a"
                    + " proposals pickle (only numpy float arrays, dicts and plain values are read)");
        };
    }

    @Override
    public Object call(Object callable, List<Object> args) throws PickleException {
        if (!(callable instanceof Callable c)) {
            throw new PickleException("cannot call a " + PickleValues.typeName(callable));
        }
        return switch (c) {
            case RECONSTRUCT -> {
                if (args.isEmpty() || args.get(0) != Callable.NDARRAY) {
                    throw new PickleException("_reconstruct is only allowed for numpy.ndarray");
                }
                yield new NumpyArray();
            }
            case DTYPE -> {
                if (args.isEmpty() || !(args.get(0) instanceof String code)) {
                    throw new PickleException("numpy.dtype needs a type code string");
                }
                if (!code.equals("f4") && !code.equals("f8")) {
                    throw new PickleException("numpy dtype '" + code + "' is not supported (expected f4 or f8)");
                }
                yield new DType(code);
            }
            case CODECS_ENCODE -> {
                if (args.size() != 2 || !(args.get(0) instanceof String s) || !"latin1".equals(args.get(1))) {
                    throw new PickleException("_codecs.encode is only allowed as encode(str, 'latin1')");
                }
                yield s.getBytes(StandardCharsets.ISO_8859_1);
            }
            case NDARRAY -> throw new PickleException("numpy.ndarray cannot be called directly");
        };
    }

    @Override
    public Object persistentLoad(Object pid) throws PickleException {
        throw new PickleException("persistent ids are not allowed in a proposals pickle");
    }

    @Override
    public void build(Object target, Object state) throws PickleException {
        if (target instanceof DType d) {
            buildDType(d, state);
        } else if (target instanceof NumpyArray a) {
            buildArray(a, state);
        } else {
            throw new PickleException("BUILD on a " + PickleValues.typeName(target) + " is not allowed");
        }
    }

    /** State (version, byte_order, subarray, names, fields, elsize, alignment, flags); only the byte order matters. */
    private static void buildDType(DType d, Object state) throws PickleException {
        if (!(state instanceof Tuple t) || t.size() < 2 || !(t.get(1) instanceof String order)) {
            throw new PickleException("numpy dtype state is a " + PickleValues.typeName(state)
                    + ", expected (version, byte_order, ...)");
        }
        d.order = switch (order) {
            case "<", "=", "|" -> ByteOrder.LITTLE_ENDIAN; // '=' is native; the files come from x86 machines
            case ">" -> ByteOrder.BIG_ENDIAN;
            default -> throw new PickleException("numpy dtype byte order '" + order + "' is not valid");
        };
    }

    /** State (version, shape, dtype, is_fortran, raw bytes). */
    private static void buildArray(NumpyArray a, Object state) throws PickleException {
        if (!(state instanceof Tuple t) || t.size() != 5) {
            throw new PickleException("ndarray state is a " + PickleValues.typeName(state)
                    + ", expected (version, shape, dtype, is_fortran, data)");
        }
        if (!(t.get(1) instanceof Tuple shapeTuple) || !(t.get(2) instanceof DType dtype)
                || !(t.get(3) instanceof Boolean fortran) || !(t.get(4) instanceof byte[] data)) {
            throw new PickleException("ndarray state has the wrong types: shape " + PickleValues.typeName(t.get(1))
                    + ", dtype " + PickleValues.typeName(t.get(2)) + ", is_fortran " + PickleValues.typeName(t.get(3))
                    + ", data " + PickleValues.typeName(t.get(4)) + " (object arrays are not supported)");
        }
        long[] shape = new long[shapeTuple.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            if (!(shapeTuple.get(i) instanceof Long n) || n < 0) {
                throw new PickleException("ndarray shape entry " + i + " is not a non-negative int");
            }
            shape[i] = n;
            count *= Math.min(n, MAX_ELEMENTS + 1); // both factors <= MAX_ELEMENTS + 1: no overflow
            if (count > MAX_ELEMENTS) {
                throw new PickleException("ndarray of more than " + MAX_ELEMENTS + " elements");
            }
        }
        if ((long) data.length != count * dtype.itemSize()) {
            throw new PickleException("ndarray data has " + data.length + " bytes, shape and dtype " + dtype.code
                    + " need " + count * dtype.itemSize());
        }
        ByteBuffer b = ByteBuffer.wrap(data).order(dtype.order);
        double[] raw = new double[(int) count];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = dtype.itemSize() == 4 ? b.getFloat() : b.getDouble();
        }
        if (fortran && shape.length > 2) {
            throw new PickleException("Fortran-ordered ndarray with " + shape.length + " dimensions is not supported");
        }
        a.set(shape, fortran && shape.length == 2 ? transpose(raw, shape) : raw);
    }

    /** Column-major (Fortran) 2-D data to row-major. */
    private static double[] transpose(double[] colMajor, long[] shape) {
        int rows = (int) shape[0];
        int cols = (int) shape[1];
        double[] out = new double[colMajor.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[r * cols + c] = colMajor[c * rows + r];
            }
        }
        return out;
    }
}
