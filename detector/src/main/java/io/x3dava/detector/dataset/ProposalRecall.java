package io.x3dava.detector.dataset;

import io.x3dava.annotations.ava.AvaBox;
import io.x3dava.annotations.ava.AvaGroundTruthRow;
import io.x3dava.annotations.ava.AvaProposalRow;
import io.x3dava.annotations.ava.Keyframe;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The share of ground-truth boxes that some proposal scoring at least a threshold overlaps at IoU 0.5. */
record ProposalRecall(int boxes, int found) {

    static ProposalRecall of(List<AvaGroundTruthRow> gt, List<AvaProposalRow> proposals, double minScore) {
        Map<Keyframe, Set<AvaBox>> truth = new HashMap<>();
        gt.forEach(r -> truth.computeIfAbsent(r.keyframe(), k -> new LinkedHashSet<>()).add(r.box()));
        Map<Keyframe, List<AvaBox>> props = new HashMap<>();
        for (AvaProposalRow p : proposals) {
            if (p.score() >= minScore) {
                props.computeIfAbsent(p.keyframe(), k -> new java.util.ArrayList<>()).add(p.box());
            }
        }
        int n = 0;
        int hit = 0;
        for (Map.Entry<Keyframe, Set<AvaBox>> e : truth.entrySet()) {
            for (AvaBox b : e.getValue()) {
                n++;
                if (props.getOrDefault(e.getKey(), List.of()).stream().anyMatch(p -> p.iou(b) >= 0.5)) {
                    hit++;
                }
            }
        }
        return new ProposalRecall(n, hit);
    }

    double recall() {
        return boxes == 0 ? 0 : (double) found / boxes;
    }
}
