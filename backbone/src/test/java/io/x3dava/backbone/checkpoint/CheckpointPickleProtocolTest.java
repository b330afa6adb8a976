package io.x3dava.backbone.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pickles as Python's own pickler writes them at protocols 4 and 5 (FRAME, MEMOIZE, STACK_GLOBAL, sets, ...). */
class CheckpointPickleProtocolTest {
    /**
     * Python 3.11 pickle.Pickler(protocol=4) with torch.save's persistent_id of
     * {'model_state': OrderedDict(w=t, wt=t.T), 'epoch': 3, 'best': 0.5, 'tags': {'a', 'b'}, 'blob': b'\x00\x01',
     * 'big': 2**70} where t is a 2x3 view of FloatStorage '0' (6 elements) and t.T its transpose (stride (1, 3)).
     */
    private static final String PROTOCOL_4 =
            "80049524010000000000007d94288c0b6d6f64656c5f7374617465948c0b636f6c6c656374696f6e73948c0b4f7264657265" +
            "6444696374949394295294288c0177948c0c746f7263682e5f7574696c73948c125f72656275696c645f74656e736f725f76" +
            "3294939428288c0773746f72616765948c05746f726368948c0c466c6f617453746f726167659493948c0130948c03637075" +
            "944b067494514b004b024b0386944b034b018694896804295294749452948c0277749468092828680a680d680e680f4b0674" +
            "94514b004b034b0286944b014b03869489680429529474945294758c0565706f6368944b038c046265737494473fe0000000" +
            "0000008c0474616773948f94288c0162948c016194908c04626c6f629443020001948c03626967948a090000000000000000" +
            "40752e";

    @TempDir
    Path dir;

    @Test
    void protocols4And5() throws Exception {
        for (int protocol : new int[] {4, 5}) {
            byte[] pickle = HexFormat.of().parseHex(PROTOCOL_4);
            pickle[1] = (byte) protocol; // protocol 5 emits the same opcodes for these values
            Path f = TorchFiles.zip(dir.resolve("p" + protocol + ".pt"), pickle,
                    Map.of("0", PickleWriter.floats(0, 1, 2, 3, 4, 5)), false);
            LinkedHashMap<String, TensorData> sd = Checkpoints.readStateDict(f);
            assertEquals(List.of("w", "wt"), List.copyOf(sd.keySet()));
            assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, sd.get("w").toFloatArray());
            assertArrayEquals(new long[] {3, 2}, sd.get("wt").shape());
            assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, sd.get("wt").toFloatArray());
        }
    }
}
