package io.x3dava.proposals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.x3dava.annotations.ava.AvaBox;
import io.x3dava.annotations.ava.AvaGroundTruthRow;
import io.x3dava.annotations.ava.Keyframe;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

import org.junit.jupiter.api.Test;

class TrainingBoxesTest {
    private static final Keyframe K1 = new Keyframe("v", 902);
    private static final Keyframe K2 = new Keyframe("v", 903);
    private static final Keyframe K3 = new Keyframe("v", 904);
    private static final AvaBox GT = new AvaBox(0, 0, 1, 1);
    private static final AvaBox NEG = new AvaBox(0.0, 0.0, 0.25, 0.25);

    @Test
    void groundTruthPlusProposalsAboveIouThreshold() {
        List<AvaGroundTruthRow> gt = List.of(
                new AvaGroundTruthRow(K1, GT, 12, 0),
                new AvaGroundTruthRow(K1, GT, 80, 0),
                new AvaGroundTruthRow(K1, NEG, -1, 1),
                new AvaGroundTruthRow(K2, GT, 14, 0));
        ProposalSet proposals = ProposalSet.of(List.of(
                new PersonBox(K1, new AvaBox(0, 0, 0.9, 1), 0.99),   // IoU 0.9 (nominal): excluded
                new PersonBox(K1, new AvaBox(0.1, 0, 1, 1), 0.99),   // IoU 0.9 computed as 0.9000000000000001: excluded
                new PersonBox(K1, new AvaBox(0, 0, 0.91, 1), 0.97),  // IoU 0.91: included, labels of GT
                new PersonBox(K1, new AvaBox(0.5, 0.5, 0.6, 0.6), 0.99), // no match
                new PersonBox(K3, new AvaBox(0, 0, 1, 1), 0.99)));  // keyframe without GT: not used
        SortedMap<Keyframe, List<LabeledPersonBox>> t = TrainingBoxes.build(gt, proposals);

        assertEquals(Set.of(K1, K2), t.keySet());
        List<LabeledPersonBox> k1 = t.get(K1);
        assertEquals(3, k1.size(), k1.toString());
        assertEquals(new LabeledPersonBox(GT, Set.of(12, 80), true), k1.get(0));
        assertEquals(new LabeledPersonBox(NEG, Set.of(), true), k1.get(1));
        assertEquals(new LabeledPersonBox(new AvaBox(0, 0, 0.91, 1), Set.of(12, 80), false), k1.get(2));
        assertEquals(List.of(new LabeledPersonBox(GT, Set.of(14), true)), t.get(K2), "GT-only keyframe");
    }

    @Test
    void proposalTakesTheLabelsOfItsBestMatch() {
        AvaBox a = new AvaBox(0, 0, 0.5, 1);
        AvaBox b = new AvaBox(0.02, 0, 0.52, 1);
        List<AvaGroundTruthRow> gt = List.of(new AvaGroundTruthRow(K1, a, 1, 0), new AvaGroundTruthRow(K1, b, 2, 1));
        AvaBox p = new AvaBox(0.019, 0, 0.519, 1); // IoU ~0.93 with a, ~0.996 with b
        Map<Keyframe, List<LabeledPersonBox>> t =
                TrainingBoxes.build(gt, ProposalSet.of(List.of(new PersonBox(K1, p, 0.9))), 0.9);
        LabeledPersonBox last = t.get(K1).get(2);
        assertFalse(last.fromGroundTruth());
        assertEquals(Set.of(2), last.actionIds());
    }

    @Test
    void inferenceBoxesKeepScoresAboveThresholdOnly() {
        ProposalSet proposals = ProposalSet.of(List.of(new PersonBox(K1, GT, 0.81), new PersonBox(K1, NEG, 0.5),
                new PersonBox(K2, GT, 0.79)));
        ProposalSet kept = InferenceBoxes.build(proposals);
        assertEquals(1, kept.size());
        assertEquals(Set.of(K1), kept.keyframes());
        Map<Keyframe, List<PersonBox>> byK = InferenceBoxes.forKeyframes(proposals, List.of(K3, K2, K1), 0.8);
        assertEquals(List.of(K1), List.copyOf(byK.keySet()));
        assertTrue(kept.atKeyframe(K2).isEmpty());
    }
}
