package io.x3dava.backbone.checkpoint;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds pickle byte streams opcode by opcode, for hand-made (and hostile) test files. */
final class PickleWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    PickleWriter op(int... bytes) {
        for (int b : bytes) {
            out.write(b);
        }
        return this;
    }

    PickleWriter proto() {
        return op(0x80, 2);
    }

    PickleWriter str(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        op('X');
        le(b.length, 4);
        out.writeBytes(b);
        return this;
    }

    PickleWriter global(String module, String name) {
        op('c');
        out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    PickleWriter stackGlobal(String module, String name) {
        return str(module).str(name).op(0x93);
    }

    PickleWriter int1(int v) {
        return op('K', v);
    }

    PickleWriter int4(int v) {
        op('J');
        return le(v, 4);
    }

    PickleWriter le(long v, int width) {
        for (int i = 0; i < width; i++) {
            out.write((int) (v >>> (8 * i)));
        }
        return this;
    }

    PickleWriter stop() {
        return op('.');
    }

    /** A _rebuild_tensor_v2 call on a FloatStorage, leaving the tensor on the stack. */
    PickleWriter tensor(String key, long storageNumel, boolean legacyPid, long offset, long[] size, long[] stride) {
        global("torch._utils", "_rebuild_tensor_v2").op('(');
        op('(').str("storage").global("torch", "FloatStorage").str(key).str("cpu").int4((int) storageNumel);
        if (legacyPid) {
            op('N');
        }
        op('t', 'Q').int4((int) offset);
        op('(');
        for (long d : size) {
            int4((int) d);
        }
        op('t', '(');
        for (long d : stride) {
            int4((int) d);
        }
        op('t', 0x89).global("collections", "OrderedDict").op(')', 'R');
        return op('t', 'R');
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    static byte[] floats(float... v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            b.putFloat(f);
        }
        return b.array();
    }
}
