package io.x3dava.proposals;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes, byte by byte, the pickle that {@code pickle.dumps({key: np.array(rows, dtype), ...}, protocol=2)} produces
 * under Python 3 (bytes as {@code _codecs.encode(latin-1 str, 'latin1')}, a BINPUT after every value), or the
 * protocol-3 variant with raw bytes as SHORT_BINBYTES. Test-only: real files come from MMAction2.
 */
final class NumpyPickleBuilder {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final String reconstructModule;
    private final boolean binBytes;
    private final boolean float64BigEndian;
    private int memo;

    /**
     * @param reconstructModule "numpy._core.multiarray" (numpy 2) or "numpy.core.multiarray" (numpy 1)
     * @param binBytes          protocol 3 (bytes as SHORT_BINBYTES) instead of protocol 2 (_codecs.encode)
     * @param float64BigEndian  dtype '>f8' instead of '<f4'
     */
    NumpyPickleBuilder(String reconstructModule, boolean binBytes, boolean float64BigEndian) {
        this.reconstructModule = reconstructModule;
        this.binBytes = binBytes;
        this.float64BigEndian = float64BigEndian;
    }

    static byte[] protocol2(Map<String, float[][]> entries) {
        return new NumpyPickleBuilder("numpy._core.multiarray", false, false).dict(entries);
    }

    byte[] dict(Map<String, float[][]> entries) {
        op(0x80);
        op(binBytes ? 3 : 2);
        op('}');
        put();
        if (entries.size() > 1) {
            op('(');
        }
        for (Map.Entry<String, float[][]> e : entries.entrySet()) {
            unicode(e.getKey());
            put();
            array(e.getValue());
        }
        op(entries.size() > 1 ? 'u' : 's');
        op('.');
        return out.toByteArray();
    }

    private void array(float[][] rows) {
        int cols = rows.length == 0 ? 5 : rows[0].length;
        global(reconstructModule, "_reconstruct");
        global("numpy", "ndarray");
        small(0);
        op(0x85); // TUPLE1
        put();
        int[] latin1 = bytesValue(new byte[] {'b'});
        op(0x87); // TUPLE3
        put();
        op('R');
        put();
        op('(');
        small(1);
        small(rows.length);
        small(cols);
        op(0x86); // TUPLE2
        put();
        global("numpy", "dtype");
        unicode(float64BigEndian ? "f8" : "f4");
        put();
        op(0x89);
        op(0x88);
        op(0x87);
        put();
        op('R');
        put();
        op('(');
        small(3);
        unicode(float64BigEndian ? ">" : "<");
        put();
        op('N');
        op('N');
        op('N');
        binInt(-1);
        binInt(-1);
        small(0);
        op('t');
        put();
        op('b'); // BUILD dtype
        op(0x89); // is_fortran False
        ByteBuffer data = ByteBuffer.allocate(rows.length * cols * (float64BigEndian ? 8 : 4))
                .order(float64BigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        for (float[] r : rows) {
            for (float v : r) {
                if (float64BigEndian) {
                    data.putDouble(v);
                } else {
                    data.putFloat(v);
                }
            }
        }
        bytesValue(data.array(), latin1);
        op('t');
        put();
        op('b'); // BUILD ndarray
    }

    /** First bytes object: defines the memo entries Python reuses for later ones. Returns {encode, 'latin1'}. */
    private int[] bytesValue(byte[] b) {
        if (binBytes) {
            shortBinBytes(b);
            put();
            return null;
        }
        int encode = global("_codecs", "encode");
        unicode(new String(b, StandardCharsets.ISO_8859_1));
        put();
        unicode("latin1");
        int latin1 = put();
        op(0x86);
        put();
        op('R');
        put();
        return new int[] {encode, latin1};
    }

    private void bytesValue(byte[] b, int[] memoOfEncodeAndLatin1) {
        if (binBytes) {
            shortBinBytes(b);
            put();
            return;
        }
        op('h');
        op(memoOfEncodeAndLatin1[0]);
        unicode(new String(b, StandardCharsets.ISO_8859_1));
        put();
        op('h');
        op(memoOfEncodeAndLatin1[1]);
        op(0x86);
        put();
        op('R');
        put();
    }

    private int global(String module, String name) {
        op('c');
        out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
        return put();
    }

    private void unicode(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        op('X');
        le32(b.length);
        out.writeBytes(b);
    }

    private void shortBinBytes(byte[] b) {
        op('C');
        op(b.length);
        out.writeBytes(b);
    }

    private void small(int v) {
        op('K');
        op(v);
    }

    private void binInt(int v) {
        op('J');
        le32(v);
    }

    private void le32(int v) {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
    }

    private int put() {
        op('q');
        op(memo);
        return memo++;
    }

    private void op(int b) {
        out.write(b);
    }
}
