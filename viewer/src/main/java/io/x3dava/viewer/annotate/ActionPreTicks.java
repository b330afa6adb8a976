package io.x3dava.viewer.annotate;

import io.x3dava.annotations.ava.AvaDetectionRow;
import io.x3dava.viewer.VideoFrame;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A trained model's detections as pre-ticked actions: each suggested box gets the actions scoring at least the
 * threshold on the detection box of the same keyframe that overlaps it best (IoU >= 0.5). The user confirms or
 * corrects them; nothing is saved before.
 */
final class ActionPreTicks implements BoxSuggestions {
    private static final double MATCH_IOU = 0.5;
    private final BoxSuggestions boxes;
    private final List<AvaDetectionRow> detections;
    private final int offset;
    private final double threshold;

    ActionPreTicks(BoxSuggestions boxes, List<AvaDetectionRow> detections, String videoId, int offset,
                   double threshold) {
        this.boxes = boxes;
        this.detections = detections.stream().filter(d -> d.keyframe().videoId().equals(videoId)).toList();
        this.offset = offset;
        this.threshold = threshold;
    }

    @Override
    public List<PersonLabel> at(int second, VideoFrame frame) throws IOException {
        List<AvaDetectionRow> here = detections.stream().filter(d -> d.keyframe().timestamp() == offset + second)
                .toList();
        List<PersonLabel> out = new ArrayList<>();
        for (PersonLabel p : boxes.at(second, frame)) {
            io.x3dava.annotations.ava.AvaBox best = null;
            double bestIou = MATCH_IOU;
            for (AvaDetectionRow d : here) {
                double iou = d.box().iou(p.box());
                if (iou >= bestIou) {
                    bestIou = iou;
                    best = d.box();
                }
            }
            Set<Integer> actions = new TreeSet<>(p.actions());
            for (AvaDetectionRow d : here) {
                if (d.box().equals(best) && d.score() >= threshold) {
                    actions.add(d.actionId());
                }
            }
            out.add(p.withActions(actions));
        }
        return out;
    }

    @Override
    public boolean needsFrame() {
        return boxes.needsFrame();
    }

    @Override
    public String description() {
        return boxes.description() + ", actions pre-ticked from " + detections.size() + " detections >= " + threshold;
    }

    @Override
    public void close() {
        boxes.close();
    }
}
