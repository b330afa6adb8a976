package io.x3dava.viewer;

import io.x3dava.annotations.ava.AvaDetectionRow;
import io.x3dava.annotations.ava.AvaGroundTruthRow;
import io.x3dava.eval.ava.AvaEvaluationResult;
import io.x3dava.eval.ava.AvaEvaluator;
import io.x3dava.eval.ava.AvaProtocol;
import io.x3dava.eval.ava.ClassResult;

import java.util.List;

/** Per-class AP of one video: eval's {@link AvaEvaluator} (official protocol) fed with that video's rows only. */
public final class VideoAp {
    private VideoAp() {}

    public static AvaEvaluationResult of(OverlayModel model, String videoId) {
        AvaEvaluator e = new AvaEvaluator(model.labelMap(), model.excluded(), AvaProtocol.OFFICIAL);
        for (AvaGroundTruthRow r : model.groundTruthRows(videoId)) {
            e.addGroundTruth(r);
        }
        for (AvaDetectionRow r : model.detectionRows(videoId)) {
            e.addDetection(r);
        }
        return e.evaluate();
    }

    /** The classes with ground truth in the video (the others have no AP), in label-map order. */
    public static List<ClassResult> withAp(AvaEvaluationResult r) {
        return r.classes().stream().filter(c -> !Double.isNaN(c.ap())).toList();
    }
}
