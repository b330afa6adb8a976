package io.x3dava.viewer;

import io.x3dava.annotations.ava.AvaBox;
import io.x3dava.annotations.ava.LabeledBox;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One row of the side table: a box of the current keyframe with one action. Score is NaN for ground truth.
 *
 * @param box the box's 1-based number within its keyframe, "GT n" for ground truth
 */
public record BoxTableRow(String box, String coordinates, int actionId, String action, double score) {

    /**
     * The rows of a keyframe: every detection score of the classes the filter shows (all scores, not only those above
     * the threshold: the table is where low scores are looked up), then the ground truth of those classes.
     */
    public static List<BoxTableRow> of(OverlayModel model, String videoId, int timestamp, ClassFilter filter) {
        List<BoxTableRow> out = new ArrayList<>();
        List<DetectedPerson> dets = model.detectionsAt(videoId, timestamp);
        for (int i = 0; i < dets.size(); i++) {
            for (ActionScore s : dets.get(i).scores()) {
                if (!filter.accepts(s.actionId())) {
                    continue;
                }
                out.add(new BoxTableRow(Integer.toString(i + 1), coords(dets.get(i).box()), s.actionId(),
                        model.className(s.actionId()), s.score()));
            }
        }
        List<LabeledBox> gts = model.groundTruthAt(videoId, timestamp);
        for (int i = 0; i < gts.size(); i++) {
            for (int a : gts.get(i).actionIds()) {
                if (!filter.accepts(a)) {
                    continue;
                }
                out.add(new BoxTableRow("GT " + (i + 1), coords(gts.get(i).box()), a, model.className(a), Double.NaN));
            }
        }
        return out;
    }

    private static String coords(AvaBox b) {
        return String.format(Locale.ROOT, "%.3f, %.3f, %.3f, %.3f", b.x1(), b.y1(), b.x2(), b.y2());
    }
}
