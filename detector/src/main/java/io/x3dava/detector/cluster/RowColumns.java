package io.x3dava.detector.cluster;

import io.x3dava.annotations.ava.AvaBox;
import io.x3dava.annotations.ava.AvaDetectionRow;
import io.x3dava.annotations.ava.Keyframe;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** Detection rows as columns of plain arrays, the form in which they travel from an executor to the driver. */
public record RowColumns(String[] videoIds, int[] timestamps, double[] boxes, int[] actions, double[] scores)
        implements Serializable {

    public static RowColumns of(List<AvaDetectionRow> rows) {
        int n = rows.size();
        RowColumns c = new RowColumns(new String[n], new int[n], new double[4 * n], new int[n], new double[n]);
        for (int i = 0; i < n; i++) {
            AvaDetectionRow r = rows.get(i);
            c.videoIds[i] = r.keyframe().videoId();
            c.timestamps[i] = r.keyframe().timestamp();
            c.boxes[4 * i] = r.box().x1();
            c.boxes[4 * i + 1] = r.box().y1();
            c.boxes[4 * i + 2] = r.box().x2();
            c.boxes[4 * i + 3] = r.box().y2();
            c.actions[i] = r.actionId();
            c.scores[i] = r.score();
        }
        return c;
    }

    /** Appends the rows to {@code out}. */
    public void addTo(List<AvaDetectionRow> out) {
        Keyframe k = null;
        for (int i = 0; i < scores.length; i++) {
            if (k == null || k.timestamp() != timestamps[i] || !k.videoId().equals(videoIds[i])) {
                k = new Keyframe(videoIds[i], timestamps[i]);
            }
            out.add(new AvaDetectionRow(k, new AvaBox(boxes[4 * i], boxes[4 * i + 1], boxes[4 * i + 2],
                    boxes[4 * i + 3]), actions[i], scores[i]));
        }
    }

    /** The rows as a list. */
    public List<AvaDetectionRow> rows() {
        List<AvaDetectionRow> out = new ArrayList<>(scores.length);
        addTo(out);
        return out;
    }
}
