package io.x3dava.proposals;

import io.x3dava.annotations.ava.Keyframe;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The boxes scored at test time: proposals with score >= the threshold (0.8 in the paper). A keyframe without such a
 * proposal gets no boxes, hence no detections (SlowFast does the same).
 */
public final class InferenceBoxes {
    /**
     * The one home of the inference threshold: person boxes with score >= 0.8 are scored at test time (paper section 5;
     * PySlowFast AVA.DETECTION_SCORE_THRESH).
     */
    public static final double SCORE_THRESHOLD = 0.8;

    private InferenceBoxes() {
    }

    public static ProposalSet build(ProposalSet proposals) {
        return build(proposals, SCORE_THRESHOLD);
    }

    public static ProposalSet build(ProposalSet proposals, double minScore) {
        return proposals.filter(minScore);
    }

    /** The boxes of each requested keyframe, in the given order; keyframes with none are left out. */
    public static Map<Keyframe, List<PersonBox>> forKeyframes(ProposalSet proposals, Collection<Keyframe> keyframes,
                                                              double minScore) {
        Map<Keyframe, List<PersonBox>> out = new LinkedHashMap<>();
        for (Keyframe k : keyframes) {
            List<PersonBox> boxes = proposals.atKeyframe(k).stream().filter(b -> b.score() >= minScore).toList();
            if (!boxes.isEmpty()) {
                out.put(k, boxes);
            }
        }
        return out;
    }
}
