package io.x3dava.proposals;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.x3dava.annotations.ava.AvaBox;
import io.x3dava.annotations.ava.Keyframe;
import io.x3dava.backbone.checkpoint.CheckpointFormatException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MmactionProposalsTest {
    /**
     * {@code pickle.dumps({'vid,0902': np.array([[0.1, 0.2, 0.5, 0.9, 0.95]], dtype=np.float32)}, protocol=2)}
     * as printed by Python 3 with numpy 2.4: pins the builder to the real byte layout.
     */
    private static final String PYTHON_PROTOCOL_2 = "80027d710058080000007669642c303930327101636e756d70792e5f636f72652e"
            + "6d756c746961727261790a5f7265636f6e7374727563740a7102636e756d70790a6e6461727261790a71034b00857104635f"
            + "636f646563730a656e636f64650a7105580100000062710658060000006c6174696e31710786710852710987710a52710b28"
            + "4b014b014b0586710c636e756d70790a64747970650a710d58020000006634710e898887710f527110284b0358010000003c"
            + "71114e4e4e4affffffff4affffffff4b00747112628968055819000000c38dc38cc38c3dc38dc38c4c3e0000003f6666663f"
            + "3333733f7113680786711452711574711662732e";

    @TempDir
    Path dir;

    private Path write(byte[] bytes) throws IOException {
        Path p = dir.resolve("ava_dense_proposals_val.FAIR.recall_93.9.pkl");
        Files.write(p, bytes);
        return p;
    }

    @Test
    void builderMatchesPythonBytes() {
        byte[] built = NumpyPickleBuilder.protocol2(Map.of("vid,0902", new float[][] {{0.1f, 0.2f, 0.5f, 0.9f, 0.95f}}));
        assertArrayEquals(HexFormat.of().parseHex(PYTHON_PROTOCOL_2), built);
    }

    @Test
    void readsProtocol2Pickle() throws IOException {
        Path p = write(HexFormat.of().parseHex(PYTHON_PROTOCOL_2));
        ProposalSet set = MmactionProposals.read(p, 0.8);
        List<PersonBox> boxes = set.atKeyframe(new Keyframe("vid", 902));
        assertEquals(1, boxes.size());
        assertEquals(new AvaBox(0.1f, 0.2f, 0.5f, 0.9f), boxes.get(0).box());
        assertEquals(0.95f, boxes.get(0).score());
        assertEquals(0, MmactionProposals.read(p, 0.96).size());
    }

    @Test
    void readsSeveralEntriesNumpy1AndBigEndianFloat64() throws IOException {
        Map<String, float[][]> entries = new LinkedHashMap<>();
        entries.put("-5KQ66BBWC4,0902", new float[][] {{0f, 0.25f, 0.5f, 1f, 0.9f}, {0.5f, 0.5f, 0.75f, 0.75f, 0.3f}});
        entries.put("-5KQ66BBWC4,0903", new float[][] {});
        entries.put("other,1798", new float[][] {{0.125f, 0.125f, 0.25f, 0.5f, 0.8f}});
        for (NumpyPickleBuilder b : List.of(new NumpyPickleBuilder("numpy.core.multiarray", false, false),
                new NumpyPickleBuilder("numpy._core.multiarray", true, true))) {
            Path p = write(b.dict(entries));
            ProposalSet all = MmactionProposals.read(p, 0.0);
            assertEquals(3, all.size());
            ProposalSet kept = MmactionProposals.read(p, 0.8);
            assertEquals(List.of(new Keyframe("-5KQ66BBWC4", 902), new Keyframe("other", 1798)),
                    List.copyOf(kept.keyframes()));
            assertEquals(new AvaBox(0, 0.25, 0.5, 1), kept.atKeyframe(new Keyframe("-5KQ66BBWC4", 902)).get(0).box());
        }
    }

    @Test
    void refusesGlobalsOutsideTheAllowList() throws IOException {
        for (String global : List.of("os\nsystem", "posix\nsystem", "builtins\neval", "numpy\nload")) {
            byte[] head = ("\u0080\u0002c" + global + "\nX").getBytes(StandardCharsets.ISO_8859_1);
            byte[] cmd = "touch /tmp/pwned".getBytes(StandardCharsets.US_ASCII);
            byte[] pickle = new byte[head.length + 4 + cmd.length + 3];
            System.arraycopy(head, 0, pickle, 0, head.length);
            pickle[head.length] = (byte) cmd.length;
            System.arraycopy(cmd, 0, pickle, head.length + 4, cmd.length);
            pickle[pickle.length - 3] = (byte) 0x85; // TUPLE1
            pickle[pickle.length - 2] = 'R';
            pickle[pickle.length - 1] = '.';
            Path p = write(pickle);
            CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> MmactionProposals.read(p, 0));
            String name = global.replace('\n', '.');
            assertTrue(e.getMessage().contains("'" + name + "'") && e.getMessage().contains("not allowed"), e.getMessage());
            assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
        }
    }

    @Test
    void rejectsWrongShapesAndData() throws IOException {
        byte[] ok = NumpyPickleBuilder.protocol2(Map.of("vid,0902", new float[][] {{0.1f, 0.2f, 0.5f, 0.9f, 0.95f}}));
        // shape (1, 5) -> (1, 6): data length no longer matches
        byte[] badShape = ok.clone();
        int at = HexFormat.of().formatHex(ok).indexOf("4b014b014b05") / 2;
        badShape[at + 5] = 6;
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                () -> MmactionProposals.read(write(badShape), 0));
        assertTrue(e.getMessage().contains("ndarray data has 20 bytes"), e.getMessage());

        byte[] notNormalized = NumpyPickleBuilder.protocol2(Map.of("vid,0902", new float[][] {{10f, 20f, 50f, 90f, 0.9f}}));
        e = assertThrows(CheckpointFormatException.class, () -> MmactionProposals.read(write(notNormalized), 0));
        assertTrue(e.getMessage().contains("entry 'vid,0902' row 0"), e.getMessage());

        byte[] badKey = NumpyPickleBuilder.protocol2(Map.of("vid0902", new float[][] {{0f, 0f, 1f, 1f, 0.9f}}));
        e = assertThrows(CheckpointFormatException.class, () -> MmactionProposals.read(write(badKey), 0));
        assertTrue(e.getMessage().contains("'vid0902'"), e.getMessage());
    }
}
