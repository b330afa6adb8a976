package io.x3dava.annotations.ava;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Groups ground-truth rows into keyframes with multi-label boxes. */
public final class AvaKeyframes {
    private AvaKeyframes() {}

    private record BoxKey(AvaBox box, int personId) {}

    /**
     * Rows of the same keyframe with the same box and person id become one box carrying all their actions.
     * Action -1 (negative box) contributes no label but keeps the box. Boxes keep their first-seen order.
     */
    public static SortedMap<Keyframe, List<LabeledBox>> group(List<AvaGroundTruthRow> rows) {
        SortedMap<Keyframe, Map<BoxKey, List<Integer>>> byFrame = new TreeMap<>();
        for (AvaGroundTruthRow r : rows) {
            List<Integer> actions = byFrame.computeIfAbsent(r.keyframe(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(new BoxKey(r.box(), r.personId()), k -> new ArrayList<>());
            if (r.actionId() > 0 && !actions.contains(r.actionId())) {
                actions.add(r.actionId());
            }
        }
        SortedMap<Keyframe, List<LabeledBox>> out = new TreeMap<>();
        byFrame.forEach((kf, boxes) -> {
            List<LabeledBox> list = new ArrayList<>(boxes.size());
            boxes.forEach((key, actions) -> list.add(new LabeledBox(key.box(), key.personId(), actions)));
            out.put(kf, list);
        });
        return out;
    }
}
