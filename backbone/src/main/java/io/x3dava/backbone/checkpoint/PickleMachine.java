package io.x3dava.backbone.checkpoint;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.x3dava.backbone.checkpoint.PickleValues.None;
import io.x3dava.backbone.checkpoint.PickleValues.Opaque;
import io.x3dava.backbone.checkpoint.PickleValues.Tuple;

/**
 * A minimal, safe pickle virtual machine for the binary protocols 2 to 5. Everything that would run code in Python
 * (GLOBAL, REDUCE, NEWOBJ, BUILD, persistent ids) goes through a {@link PickleResolver} that only knows an
 * allow-list; BUILD state is passed to the resolver (which may drop it). The machine is iterative (no recursion),
 * every length is checked against the
 * bytes that remain, and memo, stack and object counts are capped, so a hostile pickle ends with a
 * {@link CheckpointFormatException} rather than an OutOfMemoryError or a hang.
 */
public final class PickleMachine {
    /** Caps far above what a state-dict pickle needs (the X3D one has ~20k objects) but small enough for any heap. */
    static final int MAX_STACK = 4_000_000;
    static final int MAX_MEMO = 4_000_000;
    static final long MAX_OBJECTS = 10_000_000;
    private static final int MAX_LINE = 4096;
    private static final int MAX_LONG_BYTES = 1024;

    private final Path file;
    private final ByteBuffer in;
    private final long fileOffset;
    private final PickleResolver resolver;

    private final ArrayList<Object> stack = new ArrayList<>();
    private final ArrayList<Integer> marks = new ArrayList<>();
    private final HashMap<Long, Object> memo = new HashMap<>();
    private long objects;

    /**
     * @param in         the bytes, starting at the pickle's first opcode (its position is used and advanced)
     * @param fileOffset where {@code in}'s position 0 lies in the file, for messages
     */
    public PickleMachine(Path file, ByteBuffer in, long fileOffset, PickleResolver resolver) {
        this.file = file;
        this.in = in.order(ByteOrder.LITTLE_ENDIAN);
        this.fileOffset = fileOffset;
        this.resolver = resolver;
    }

    /** Runs up to and including STOP; afterwards {@code in}'s position is just past STOP. */
    public Object load() throws CheckpointFormatException {
        while (true) {
            int opPos = in.position();
            if (!in.hasRemaining()) {
                throw error(opPos, "pickle ends without STOP (file truncated?)");
            }
            int op = in.get() & 0xff;
            try {
                if (op == '.') {
                    if (stack.size() != 1 || !marks.isEmpty()) {
                        throw error(opPos, "STOP with " + stack.size() + " values on the stack (expected 1)");
                    }
                    return stack.get(0);
                }
                step(op, opPos);
            } catch (PickleException e) {
                throw error(opPos, e.getMessage());
            } catch (ClassCastException e) {
                throw error(opPos, "opcode " + opName(op) + " applied to a value of the wrong type");
            }
        }
    }

    private void step(int op, int opPos) throws CheckpointFormatException, PickleException {
        switch (op) {
            case 0x80 -> { // PROTO
                int proto = u8();
                if (proto < 2 || proto > 5) {
                    throw error(opPos, "pickle protocol " + proto + " is not supported (expected 2 to 5)");
                }
            }
            case 0x95 -> len(8, opPos); // FRAME: a length hint only (checked), the framed opcodes follow inline
            case '(' -> {
                if (!(marks.size() < MAX_STACK)) {
                    throw error(opPos, "too many MARKs");
                }
                marks.add(stack.size());
            }
            case '0' -> pop(opPos);
            case '1' -> popMark(opPos);
            case '2' -> push(peek(opPos), opPos);
            case 'N' -> push(None.NONE, opPos);
            case 0x88 -> push(Boolean.TRUE, opPos);
            case 0x89 -> push(Boolean.FALSE, opPos);
            case 'J' -> push((long) need(4, opPos).getInt(), opPos);
            case 'K' -> push((long) u8(), opPos);
            case 'M' -> push((long) (need(2, opPos).getShort() & 0xffff), opPos);
            case 0x8a -> push(readLong(u8(), opPos), opPos);
            case 0x8b -> push(readLong(len(4, opPos), opPos), opPos);
            case 'G' -> push(Double.longBitsToDouble(Long.reverseBytes(need(8, opPos).getLong())), opPos); // big-endian
            case 'X' -> push(utf8(len(4, opPos), opPos), opPos);
            case 0x8c -> push(utf8(u8(), opPos), opPos);
            case 0x8d -> push(utf8(len(8, opPos), opPos), opPos);
            case 'T' -> { // BINSTRING (Python 2 str): torch.load decodes it as UTF-8
                int n = need(4, opPos).getInt();
                if (!(n >= 0)) {
                    throw error(opPos, "negative BINSTRING length " + n);
                }
                push(utf8(n, opPos), opPos);
            }
            case 'U' -> push(utf8(u8(), opPos), opPos);
            case 'B' -> push(bytes(len(4, opPos), opPos), opPos);
            case 'C' -> push(bytes(u8(), opPos), opPos);
            case 0x8e, 0x96 -> push(bytes(len(8, opPos), opPos), opPos); // BINBYTES8, BYTEARRAY8
            case ']' -> push(new ArrayList<>(), opPos);
            case 'l' -> push(new ArrayList<>(popMark(opPos)), opPos);
            case 'a' -> {
                Object v = pop(opPos);
                appendTo(peek(opPos), List.of(v), opPos);
            }
            case 'e' -> {
                List<Object> items = popMark(opPos);
                appendTo(peek(opPos), items, opPos);
            }
            case ')' -> push(new Tuple(List.of()), opPos);
            case 't' -> push(new Tuple(popMark(opPos)), opPos);
            case 0x85, 0x86, 0x87 -> {
                int n = op - 0x84;
                if (!(stack.size() >= n)) {
                    throw error(opPos, "TUPLE" + n + " on a stack of " + stack.size());
                }
                List<Object> top = new ArrayList<>(stack.subList(stack.size() - n, stack.size()));
                truncateStack(stack.size() - n, opPos);
                push(new Tuple(top), opPos);
            }
            case '}' -> push(new LinkedHashMap<>(), opPos);
            case 'd' -> {
                Map<Object, Object> d = new LinkedHashMap<>();
                setItems(d, popMark(opPos), opPos);
                push(d, opPos);
            }
            case 's' -> {
                Object v = pop(opPos);
                Object k = pop(opPos);
                setItems(peek(opPos), List.of(k, v), opPos);
            }
            case 'u' -> {
                List<Object> kv = popMark(opPos);
                setItems(peek(opPos), kv, opPos);
            }
            case 0x8f -> push(new Opaque("builtins.set"), opPos); // EMPTY_SET: contents are never needed
            case 0x90 -> {
                popMark(opPos);
                if (!(peek(opPos) instanceof Opaque)) {
                    throw error(opPos, "ADDITEMS on a " + PickleValues.typeName(peek(opPos)));
                }
            }
            case 0x91 -> {
                popMark(opPos);
                push(new Opaque("builtins.frozenset"), opPos);
            }
            case 'h' -> push(memoGet(u8(), opPos), opPos);
            case 'j' -> push(memoGet(need(4, opPos).getInt() & 0xffffffffL, opPos), opPos);
            case 'q' -> memoPut(u8(), opPos);
            case 'r' -> memoPut(need(4, opPos).getInt() & 0xffffffffL, opPos);
            case 0x94 -> memoPut(memo.size(), opPos);
            case 'c' -> {
                String module = line(opPos);
                String name = line(opPos);
                push(resolver.resolveGlobal(module, name), opPos);
            }
            case 0x93 -> {
                Object name = pop(opPos);
                Object module = pop(opPos);
                if (!(module instanceof String m) || !(name instanceof String n)) {
                    throw error(opPos, "STACK_GLOBAL needs two strings, found " + PickleValues.typeName(module)
                            + " and " + PickleValues.typeName(name));
                }
                push(resolver.resolveGlobal(m, n), opPos);
            }
            case 'R' -> {
                Object args = pop(opPos);
                Object callable = pop(opPos);
                if (!(args instanceof Tuple t)) {
                    throw error(opPos, "REDUCE arguments are a " + PickleValues.typeName(args) + ", not a tuple");
                }
                push(resolver.call(callable, t.items), opPos);
            }
            case 0x81 -> { // NEWOBJ: cls.__new__(cls, *args), same allow-list as REDUCE
                Object args = pop(opPos);
                Object cls = pop(opPos);
                if (!(args instanceof Tuple t)) {
                    throw error(opPos, "NEWOBJ arguments are a " + PickleValues.typeName(args) + ", not a tuple");
                }
                push(resolver.call(cls, t.items), opPos);
            }
            case 0x92 -> { // NEWOBJ_EX: keyword arguments are ignored, they only matter to objects we never build
                pop(opPos);
                Object args = pop(opPos);
                Object cls = pop(opPos);
                if (!(args instanceof Tuple t)) {
                    throw error(opPos, "NEWOBJ_EX arguments are a " + PickleValues.typeName(args) + ", not a tuple");
                }
                push(resolver.call(cls, t.items), opPos);
            }
            case 'b' -> { // BUILD: __setstate__ / __dict__ update, in place; the resolver decides (torch: dropped)
                Object state = pop(opPos);
                resolver.build(peek(opPos), state);
            }
            case 'Q' -> push(resolver.persistentLoad(pop(opPos)), opPos);
            default -> throw error(opPos, "unsupported pickle opcode " + opName(op));
        }
    }

    // ---- stack, memo and containers ----

    private void push(Object v, int opPos) throws CheckpointFormatException {
        if (!(stack.size() < MAX_STACK)) {
            throw error(opPos, "pickle stack exceeds " + MAX_STACK + " values");
        }
        if (!(++objects <= MAX_OBJECTS)) {
            throw error(opPos, "pickle has more than " + MAX_OBJECTS + " values");
        }
        stack.add(v);
    }

    private Object pop(int opPos) throws CheckpointFormatException {
        int floor = marks.isEmpty() ? 0 : marks.get(marks.size() - 1);
        if (!(stack.size() > floor)) {
            throw error(opPos, "pickle stack underflow");
        }
        return stack.remove(stack.size() - 1);
    }

    private Object peek(int opPos) throws CheckpointFormatException {
        int floor = marks.isEmpty() ? 0 : marks.get(marks.size() - 1);
        if (!(stack.size() > floor)) {
            throw error(opPos, "pickle stack underflow");
        }
        return stack.get(stack.size() - 1);
    }

    private List<Object> popMark(int opPos) throws CheckpointFormatException {
        if (marks.isEmpty()) {
            throw error(opPos, "opcode " + opName(in.get(opPos) & 0xff) + " without a MARK");
        }
        int m = marks.remove(marks.size() - 1);
        List<Object> items = new ArrayList<>(stack.subList(m, stack.size()));
        truncateStack(m, opPos);
        return items;
    }

    private void truncateStack(int size, int opPos) throws CheckpointFormatException {
        int floor = marks.isEmpty() ? 0 : marks.get(marks.size() - 1);
        if (!(size >= floor)) {
            throw error(opPos, "pickle stack underflow");
        }
        stack.subList(size, stack.size()).clear();
    }

    @SuppressWarnings("unchecked")
    private void appendTo(Object target, List<Object> items, int opPos) throws CheckpointFormatException {
        if (target instanceof List<?> l) {
            ((List<Object>) l).addAll(items);
        } else if (!(target instanceof Opaque)) { // list subclasses we do not model just swallow their items
            throw error(opPos, "APPEND to a " + PickleValues.typeName(target));
        }
    }

    @SuppressWarnings("unchecked")
    private void setItems(Object target, List<Object> kv, int opPos) throws CheckpointFormatException {
        if (kv.size() % 2 != 0) {
            throw error(opPos, "SETITEMS with an odd number (" + kv.size() + ") of keys and values");
        }
        if (target instanceof Opaque) {
            return; // dict subclasses we do not model (e.g. yacs CfgNode)
        }
        if (!(target instanceof Map<?, ?> m)) {
            throw error(opPos, "SETITEM on a " + PickleValues.typeName(target));
        }
        for (int i = 0; i < kv.size(); i += 2) {
            Object k = kv.get(i);
            if (k instanceof List || k instanceof Map) { // unhashable in Python; also avoids recursive hashCode
                throw error(opPos, "dict key is an unhashable " + PickleValues.typeName(k));
            }
            ((Map<Object, Object>) m).put(k, kv.get(i + 1));
        }
    }

    private Object memoGet(long index, int opPos) throws CheckpointFormatException {
        Object v = memo.get(index);
        if (!(v != null)) {
            throw error(opPos, "memo entry " + index + " was never stored");
        }
        return v;
    }

    private void memoPut(long index, int opPos) throws CheckpointFormatException {
        if (!(memo.size() < MAX_MEMO || memo.containsKey(index))) {
            throw error(opPos, "pickle memo exceeds " + MAX_MEMO + " entries");
        }
        memo.put(index, peek(opPos));
    }

    // ---- reading operands ----

    private int u8() throws CheckpointFormatException {
        return need(1, in.position() - 1).get() & 0xff;
    }

    private ByteBuffer need(int n, int opPos) throws CheckpointFormatException {
        if (in.remaining() < n) { // message built only on failure: this runs for every operand
            throw error(opPos, "pickle truncated: opcode " + opName(in.get(opPos) & 0xff)
                    + " needs " + n + " more bytes, " + in.remaining() + " left");
        }
        return in;
    }

    /** An unsigned length of {@code width} bytes, checked against the bytes that remain. */
    private int len(int width, int opPos) throws CheckpointFormatException {
        long n = switch (width) {
            case 4 -> need(4, opPos).getInt() & 0xffffffffL;
            case 8 -> need(8, opPos).getLong();
            default -> throw new IllegalArgumentException("width " + width);
        };
        if (n < 0 || n > in.remaining()) {
            throw error(opPos, "pickle declares a length of " + Long.toUnsignedString(n) + " bytes but only "
                    + in.remaining() + " remain (corrupt or truncated)");
        }
        return (int) n;
    }

    private byte[] bytes(int n, int opPos) throws CheckpointFormatException {
        byte[] b = new byte[n];
        need(n, opPos).get(b);
        return b;
    }

    private String utf8(int n, int opPos) throws CheckpointFormatException {
        return new String(bytes(n, opPos), StandardCharsets.UTF_8);
    }

    private Object readLong(int n, int opPos) throws CheckpointFormatException {
        if (!(n <= MAX_LONG_BYTES)) {
            throw error(opPos, "integer of " + n + " bytes is implausibly long");
        }
        byte[] le = bytes(n, opPos);
        if (n == 0) {
            return 0L;
        }
        byte[] be = new byte[n];
        for (int i = 0; i < n; i++) {
            be[i] = le[n - 1 - i];
        }
        BigInteger v = new BigInteger(be); // two's complement, as pickle's LONG1/LONG4
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }

    /** A newline-terminated ASCII line (GLOBAL operands). */
    private String line(int opPos) throws CheckpointFormatException {
        int start = in.position();
        int limit = Math.min(in.limit(), start + MAX_LINE);
        for (int i = start; i < limit; i++) {
            if (in.get(i) == '\n') {
                byte[] b = new byte[i - start];
                in.get(b);
                in.get();
                return new String(b, StandardCharsets.ISO_8859_1);
            }
        }
        throw error(opPos, "GLOBAL operand has no end of line within " + MAX_LINE + " bytes");
    }

    // ---- errors ----

    private CheckpointFormatException error(int opPos, String message) {
        return new CheckpointFormatException(file, message + " (pickle opcode at byte " + (fileOffset + opPos) + ")");
    }

    private static String opName(int op) {
        return op >= 0x20 && op < 0x7f ? "'" + (char) op + "' (0x" + Integer.toHexString(op) + ")"
                : "0x" + Integer.toHexString(op);
    }
}
