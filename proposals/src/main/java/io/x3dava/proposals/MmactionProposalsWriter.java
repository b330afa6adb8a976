package io.x3dava.proposals;

import io.x3dava.annotations.AtomicFiles;
import io.x3dava.annotations.ava.AvaBox;
import io.x3dava.annotations.ava.Keyframe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes proposals as MMAction2's {@code ava_dense_proposals_*.pkl}: a pickle (protocol 3, as {@code pickle.dump} of
 * Python 3 writes by default) of {@code {"<video_id>,<%04d timestamp>": float32 array N x 5}}, each array built the way
 * numpy pickles it ({@code numpy.core.multiarray._reconstruct} then BUILD with shape, dtype '<f4' and the raw bytes).
 * No memo entries are written: pickle does not need them, and MMAction2's {@code mmengine.load} reads the file.
 */
public final class MmactionProposalsWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private MmactionProposalsWriter() {
    }

    /** Writes every keyframe of {@code proposals} (x1, y1, x2, y2, score), atomically. */
    public static void write(Path pkl, ProposalSet proposals) throws IOException {
        MmactionProposalsWriter w = new MmactionProposalsWriter();
        w.dict(proposals.asMap());
        byte[] bytes = w.out.toByteArray();
        AtomicFiles.write(pkl, o -> o.write(bytes));
    }

    private void dict(Map<Keyframe, List<PersonBox>> entries) {
        op(0x80);
        op(3);
        op('}');
        if (!entries.isEmpty()) {
            op('(');
            for (Map.Entry<Keyframe, List<PersonBox>> e : entries.entrySet()) {
                unicode(e.getKey().imageKey());
                array(e.getValue());
            }
            op('u');
        }
        op('.');
    }

    /** {@code _reconstruct(ndarray, (0,), b'b')} then BUILD {@code (1, (N, 5), dtype('f4') state, False, bytes)}. */
    private void array(List<PersonBox> boxes) {
        global("numpy.core.multiarray", "_reconstruct");
        global("numpy", "ndarray");
        integer(0);
        op(0x85); // TUPLE1
        shortBytes(new byte[] {'b'});
        op(0x87); // TUPLE3
        op('R');
        op('(');
        integer(1);
        integer(boxes.size());
        integer(5);
        op(0x86); // TUPLE2: shape
        global("numpy", "dtype");
        unicode("f4");
        op(0x89);
        op(0x88);
        op(0x87);
        op('R');
        op('(');
        integer(3);
        unicode("<");
        op('N');
        op('N');
        op('N');
        integer(-1);
        integer(-1);
        integer(0);
        op('t');
        op('b'); // BUILD dtype
        op(0x89); // not Fortran order
        ByteBuffer data = ByteBuffer.allocate(boxes.size() * 5 * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (PersonBox p : boxes) {
            AvaBox b = p.box();
            data.putFloat((float) b.x1()).putFloat((float) b.y1()).putFloat((float) b.x2()).putFloat((float) b.y2())
                    .putFloat((float) p.score());
        }
        binBytes(data.array());
        op('t');
        op('b'); // BUILD ndarray
    }

    private void global(String module, String name) {
        op('c');
        out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    private void unicode(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        op('X');
        le32(b.length);
        out.writeBytes(b);
    }

    private void shortBytes(byte[] b) {
        op('C');
        op(b.length);
        out.writeBytes(b);
    }

    private void binBytes(byte[] b) {
        op('B');
        le32(b.length);
        out.writeBytes(b);
    }

    private void integer(int v) {
        if (v >= 0 && v < 256) {
            op('K');
            op(v);
        } else {
            op('J');
            le32(v);
        }
    }

    private void le32(int v) {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
    }

    private void op(int b) {
        out.write(b);
    }
}
