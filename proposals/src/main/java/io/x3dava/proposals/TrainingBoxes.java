package io.x3dava.proposals;

import io.x3dava.annotations.ava.AvaBox;
import io.x3dava.annotations.ava.AvaGroundTruthRow;
import io.x3dava.annotations.ava.Keyframe;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The training boxes of the paper (as in SlowFast): every ground-truth box with its actions, plus every proposal
 * whose IoU with a ground-truth box of the same keyframe is above the threshold (0.9), labelled with that box's
 * actions. Keyframes without ground truth contribute nothing (their proposals have no labels).
 */
public final class TrainingBoxes {
    public static final double DEFAULT_IOU_THRESHOLD = 0.9;

    /**
     * IoUs within this distance of the threshold count as equal to it (so not above): a proposal with a nominal IoU
     * of exactly 0.9 must not flip in or out with the last bit of floating-point rounding.
     */
    static final double IOU_EPSILON = 1e-9;

    private TrainingBoxes() {
    }

    public static SortedMap<Keyframe, List<LabeledPersonBox>> build(List<AvaGroundTruthRow> gt, ProposalSet proposals) {
        return build(gt, proposals, DEFAULT_IOU_THRESHOLD);
    }

    public static SortedMap<Keyframe, List<LabeledPersonBox>> build(List<AvaGroundTruthRow> gt, ProposalSet proposals,
                                                                    double iouThreshold) {
        SortedMap<Keyframe, List<LabeledPersonBox>> out = new TreeMap<>();
        groupGroundTruth(gt).forEach((kf, boxes) -> {
            List<LabeledPersonBox> list = new ArrayList<>();
            boxes.forEach((box, actions) -> list.add(new LabeledPersonBox(box, actions, true)));
            for (PersonBox p : proposals.atKeyframe(kf)) {
                Set<Integer> labels = bestMatch(p.box(), boxes, iouThreshold);
                if (labels != null) {
                    list.add(new LabeledPersonBox(p.box(), labels, false));
                }
            }
            out.put(kf, Collections.unmodifiableList(list));
        });
        return Collections.unmodifiableSortedMap(out);
    }

    /**
     * AVA ground truth has one row per (box, action): rows of a keyframe with the same box become one box with all
     * its actions; action -1 (negative box) keeps the box without a label. First-seen order is kept.
     */
    static SortedMap<Keyframe, Map<AvaBox, Set<Integer>>> groupGroundTruth(List<AvaGroundTruthRow> gt) {
        SortedMap<Keyframe, Map<AvaBox, Set<Integer>>> byFrame = new TreeMap<>();
        for (AvaGroundTruthRow r : gt) {
            Set<Integer> actions = byFrame.computeIfAbsent(r.keyframe(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(r.box(), b -> new LinkedHashSet<>());
            if (r.actionId() > 0) {
                actions.add(r.actionId());
            }
        }
        return byFrame;
    }

    /** The actions of the ground-truth box with the highest IoU if that IoU is above the threshold, else null. */
    private static Set<Integer> bestMatch(AvaBox proposal, Map<AvaBox, Set<Integer>> gtBoxes, double threshold) {
        Set<Integer> best = null;
        double bestIou = threshold + IOU_EPSILON;
        for (Map.Entry<AvaBox, Set<Integer>> e : gtBoxes.entrySet()) {
            double iou = proposal.iou(e.getKey());
            if (iou > bestIou) {
                bestIou = iou;
                best = e.getValue();
            }
        }
        return best;
    }
}
