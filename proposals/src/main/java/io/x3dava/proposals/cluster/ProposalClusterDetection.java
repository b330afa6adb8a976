package io.x3dava.proposals.cluster;

import io.x3dava.backbone.cluster.ClusterSettings;
import io.x3dava.backbone.cluster.ClusterTasks;
import io.x3dava.proposals.KeyframeRange;
import io.x3dava.proposals.PersonBox;
import io.x3dava.proposals.PersonDetectorSettings;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The driver's side of {@code detect-proposals --master}: tasks of (video, keyframe range), boxes in task order. */
public final class ProposalClusterDetection {

    /** The boxes of every task, and the keyframes past the ends of videos. */
    public record Boxes(List<PersonBox> boxes, int skipped) {
    }

    private ProposalClusterDetection() {
    }

    public static Boxes run(ClusterSettings cluster, int taskKeyframes, PersonDetectorSettings detector,
                            List<Path> inputs, KeyframeRange range, double offset) throws IOException {
        List<ProposalTask> tasks = new ArrayList<>();
        for (Path input : inputs) {
            for (int t = range.first(); t <= range.last(); t += taskKeyframes) {
                tasks.add(new ProposalTask(input.toAbsolutePath().toString(), t,
                        Math.min(range.last(), t + taskKeyframes - 1)));
            }
        }
        List<PersonBox> boxes = new ArrayList<>();
        int skipped = 0;
        for (ProposalTaskBoxes r : ClusterTasks.find().map(cluster, tasks, new ProposalTaskFunction(detector, offset))) {
            r.addTo(boxes);
            skipped += r.skipped();
        }
        return new Boxes(boxes, skipped);
    }
}
