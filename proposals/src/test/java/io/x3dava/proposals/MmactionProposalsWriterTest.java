package io.x3dava.proposals;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.x3dava.annotations.ava.AvaBox;
import io.x3dava.annotations.ava.Keyframe;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MMAction2 proposal pickle written by the project reads back as it was (float32 precision). */
class MmactionProposalsWriterTest {

    @Test
    void roundTrip(@TempDir Path dir) throws Exception {
        List<PersonBox> boxes = new ArrayList<>();
        // 300 keyframes and 300 boxes in one: sizes past one byte (pickle's K opcode) are exercised
        for (int t = 0; t < 300; t++) {
            boxes.add(new PersonBox(new Keyframe("-5KQ66BBWC4", 902 + t), new AvaBox(0.125, 0.25, 0.5, 1.0), 0.75));
        }
        for (int i = 0; i < 300; i++) {
            boxes.add(new PersonBox(new Keyframe("vid,with,commas", 1798), new AvaBox(0, 0, i / 300.0, 0.5),
                    i / 300.0));
        }
        ProposalSet set = ProposalSet.of(boxes);
        Path pkl = dir.resolve("ava_dense_proposals_val.FAIR.recall_93.9.pkl");
        MmactionProposalsWriter.write(pkl, set);
        ProposalSet back = MmactionProposals.read(pkl, 0.0);
        assertEquals(set.keyframes(), back.keyframes());
        assertEquals(600, back.size());
        for (Keyframe k : set.keyframes()) {
            List<PersonBox> a = set.atKeyframe(k);
            List<PersonBox> b = back.atKeyframe(k);
            for (int i = 0; i < a.size(); i++) {
                assertEquals((float) a.get(i).box().x2(), (float) b.get(i).box().x2());
                assertEquals((float) a.get(i).score(), (float) b.get(i).score());
            }
        }
        assertEquals(300, MmactionProposals.read(pkl, 0.5).size() - 150);
    }
}
