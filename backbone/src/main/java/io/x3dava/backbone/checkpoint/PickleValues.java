package io.x3dava.backbone.checkpoint;

import java.util.List;

/**
 * The Python values our pickle machine builds besides String, Long, BigInteger, Double, Boolean, byte[],
 * ArrayList (list) and LinkedHashMap (dict). Tuples and opaque objects compare by identity on purpose: hashing a
 * deeply nested tuple recursively could overflow the Java stack, and we only ever look up string keys.
 */
public final class PickleValues {
    private PickleValues() {
    }

    /** Python None (null is avoided so that maps and lists never hold ambiguous nulls). */
    public enum None { NONE }

    /** A Python tuple. */
    public static final class Tuple {
        public final List<Object> items;

        Tuple(List<Object> items) {
            this.items = List.copyOf(items);
        }

        public int size() {
            return items.size();
        }

        public Object get(int i) {
            return items.get(i);
        }
    }

    /** An allow-listed Python object we do not model (argparse.Namespace, yacs CfgNode, set, ...): never built. */
    static final class Opaque {
        final String type;

        Opaque(String type) {
            this.type = type;
        }
    }

    /** Short description of a value's type for error messages (never its contents, which may be huge or cyclic). */
    public static String typeName(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof None) {
            return "None";
        }
        if (v instanceof String) {
            return "str";
        }
        if (v instanceof Long || v instanceof java.math.BigInteger) {
            return "int";
        }
        if (v instanceof Double) {
            return "float";
        }
        if (v instanceof Boolean) {
            return "bool";
        }
        if (v instanceof byte[]) {
            return "bytes";
        }
        if (v instanceof List) {
            return "list";
        }
        if (v instanceof java.util.Map) {
            return "dict";
        }
        if (v instanceof Tuple t) {
            return "tuple of " + t.size();
        }
        if (v instanceof Opaque o) {
            return o.type;
        }
        return v.getClass().getSimpleName();
    }
}
