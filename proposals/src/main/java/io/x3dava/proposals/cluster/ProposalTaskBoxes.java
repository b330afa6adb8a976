package io.x3dava.proposals.cluster;

import io.x3dava.annotations.ava.AvaBox;
import io.x3dava.annotations.ava.Keyframe;
import io.x3dava.proposals.PersonBox;

import java.io.Serializable;
import java.util.List;

/** A task's person boxes as columns of plain arrays (what travels back to the driver), and its skipped keyframes. */
public record ProposalTaskBoxes(String[] videoIds, int[] timestamps, double[] boxes, double[] scores, int skipped)
        implements Serializable {

    static ProposalTaskBoxes of(List<PersonBox> found, int skipped) {
        int n = found.size();
        ProposalTaskBoxes c = new ProposalTaskBoxes(new String[n], new int[n], new double[4 * n], new double[n], skipped);
        for (int i = 0; i < n; i++) {
            PersonBox b = found.get(i);
            c.videoIds[i] = b.keyframe().videoId();
            c.timestamps[i] = b.keyframe().timestamp();
            c.boxes[4 * i] = b.box().x1();
            c.boxes[4 * i + 1] = b.box().y1();
            c.boxes[4 * i + 2] = b.box().x2();
            c.boxes[4 * i + 3] = b.box().y2();
            c.scores[i] = b.score();
        }
        return c;
    }

    void addTo(List<PersonBox> out) {
        for (int i = 0; i < scores.length; i++) {
            out.add(new PersonBox(new Keyframe(videoIds[i], timestamps[i]), new AvaBox(boxes[4 * i], boxes[4 * i + 1],
                    boxes[4 * i + 2], boxes[4 * i + 3]), scores[i]));
        }
    }
}
