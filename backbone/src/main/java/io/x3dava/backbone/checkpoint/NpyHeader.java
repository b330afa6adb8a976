package io.x3dava.backbone.checkpoint;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The header of a .npy array: magic, version, then a Python dict literal
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (1, 3), }}. The literal is parsed by a tiny
 * tokenizer, never evaluated.
 *
 * @param dataOffset where the elements start, counted from the start of the .npy bytes
 */
record NpyHeader(TensorDType dtype, boolean bigEndian, boolean fortranOrder, long[] shape, int dataOffset) {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    /** Parses the header at {@code npy}'s position 0; the message of the exception says what is wrong. */
    static NpyHeader parse(ByteBuffer npy) {
        ByteBuffer b = npy.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (b.remaining() < 10) {
            throw new IllegalArgumentException("too short for a .npy header");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (b.get(i) != MAGIC[i]) {
                throw new IllegalArgumentException("no .npy magic (\\x93NUMPY)");
            }
        }
        int major = b.get(6);
        long headerLen;
        int start;
        if (major == 1) {
            headerLen = b.getShort(8) & 0xffff;
            start = 10;
        } else if (major == 2 || major == 3) {
            if (b.remaining() < 12) {
                throw new IllegalArgumentException("too short for a .npy v" + major + " header");
            }
            headerLen = b.getInt(8) & 0xffffffffL;
            start = 12;
        } else {
            throw new IllegalArgumentException(".npy format version " + major + " is not supported");
        }
        if (headerLen > b.remaining() - start) {
            throw new IllegalArgumentException(".npy header declares " + headerLen + " bytes but only "
                    + (b.remaining() - start) + " follow");
        }
        byte[] text = new byte[(int) headerLen];
        b.get(start, text);
        // numpy writes latin-1 (v1/v2) or utf-8 (v3); the keys and values we read are ASCII either way
        DictLiteral dict = new DictLiteral(new String(text, StandardCharsets.ISO_8859_1));
        dict.parse();
        if (dict.descr == null || dict.fortranOrder == null || dict.shape == null) {
            throw new IllegalArgumentException(".npy header lacks descr, fortran_order or shape");
        }
        String descr = dict.descr;
        if (descr.length() < 2) {
            throw new IllegalArgumentException(".npy dtype '" + descr + "' is not supported");
        }
        char order = descr.charAt(0);
        String code = "<>|=".indexOf(order) >= 0 ? descr.substring(1) : descr;
        TensorDType dtype = switch (code) {
            case "f4" -> TensorDType.FLOAT32;
            case "f8" -> TensorDType.FLOAT64;
            case "f2" -> TensorDType.FLOAT16;
            case "i8" -> TensorDType.INT64;
            case "i4" -> TensorDType.INT32;
            case "i2" -> TensorDType.INT16;
            case "i1" -> TensorDType.INT8;
            case "u1" -> TensorDType.UINT8;
            case "b1" -> TensorDType.BOOL;
            default -> throw new IllegalArgumentException(".npy dtype '" + descr + "' is not supported"
                    + (code.equals("O") ? " (object arrays are pickles)" : ""));
        };
        boolean bigEndian = order == '>' && dtype.byteSize() > 1;
        return new NpyHeader(dtype, bigEndian, dict.fortranOrder, dict.shape, (int) (start + headerLen));
    }

    /** The header bytes numpy would write (version 1.0, padded so the data starts 64-byte aligned). */
    static byte[] write(TensorDType dtype, long[] shape) {
        String descr = switch (dtype) {
            case FLOAT32 -> "<f4";
            case FLOAT64 -> "<f8";
            case FLOAT16 -> "<f2";
            case INT64 -> "<i8";
            case INT32 -> "<i4";
            case INT16 -> "<i2";
            case INT8 -> "|i1";
            case UINT8 -> "|u1";
            case BOOL -> "|b1";
            case BFLOAT16 -> throw new IllegalArgumentException("numpy has no bfloat16; convert before writing .npz");
        };
        StringBuilder s = new StringBuilder("{'descr': '").append(descr).append("', 'fortran_order': False, 'shape': (");
        for (int i = 0; i < shape.length; i++) {
            s.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        s.append(shape.length == 1 ? ",), }" : "), }");
        int total = 10 + s.length() + 1;
        s.append(" ".repeat((64 - total % 64) % 64)).append('\n');
        byte[] text = s.toString().getBytes(StandardCharsets.ISO_8859_1);
        if (text.length > 0xffff) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " makes a too long .npy header");
        }
        ByteBuffer out = ByteBuffer.allocate(10 + text.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length).put(text);
        return out.array();
    }

    /** Tokenizer for the one dict literal shape numpy writes. */
    private static final class DictLiteral {
        private final String s;
        private int i;
        String descr;
        Boolean fortranOrder;
        long[] shape;

        DictLiteral(String s) {
            this.s = s;
        }

        void parse() {
            expect('{');
            while (true) {
                if (peek() == '}') {
                    i++;
                    return;
                }
                String key = string();
                expect(':');
                switch (key) {
                    case "descr" -> descr = string();
                    case "fortran_order" -> fortranOrder = bool();
                    case "shape" -> shape = tuple();
                    default -> throw new IllegalArgumentException(".npy header has an unexpected key '" + key + "'");
                }
                if (peek() == ',') {
                    i++;
                }
            }
        }

        private char peek() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i >= s.length()) {
                throw new IllegalArgumentException(".npy header dict ends early");
            }
            return s.charAt(i);
        }

        private void expect(char c) {
            if (peek() != c) {
                throw new IllegalArgumentException(".npy header: expected '" + c + "' at character " + i);
            }
            i++;
        }

        private String string() {
            char q = peek();
            if (q != '\'' && q != '"') {
                throw new IllegalArgumentException(".npy header: expected a string at character " + i);
            }
            int end = s.indexOf(q, i + 1);
            if (end < 0) {
                throw new IllegalArgumentException(".npy header: unterminated string");
            }
            String v = s.substring(i + 1, end);
            i = end + 1;
            return v;
        }

        private boolean bool() {
            peek();
            if (s.startsWith("True", i)) {
                i += 4;
                return true;
            }
            if (s.startsWith("False", i)) {
                i += 5;
                return false;
            }
            throw new IllegalArgumentException(".npy header: fortran_order is not True or False");
        }

        private long[] tuple() {
            expect('(');
            List<Long> dims = new ArrayList<>();
            while (peek() != ')') {
                int start = i;
                while (i < s.length() && Character.isDigit(s.charAt(i))) {
                    i++;
                }
                if (i == start || i - start > 18) {
                    throw new IllegalArgumentException(".npy header: bad dimension at character " + start);
                }
                dims.add(Long.parseLong(s.substring(start, i)));
                if (i < s.length() && s.charAt(i) == 'L') { // Python 2 long suffix
                    i++;
                }
                if (dims.size() > TensorViews.MAX_DIMS) {
                    throw new IllegalArgumentException(".npy header: too many dimensions");
                }
                if (peek() == ',') {
                    i++;
                } else if (peek() != ')') {
                    throw new IllegalArgumentException(".npy header: expected ',' or ')' at character " + i);
                }
            }
            i++;
            return dims.stream().mapToLong(Long::longValue).toArray();
        }
    }
}
