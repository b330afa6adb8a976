package io.x3dava.eval.ava;

import java.util.List;

/**
 * Frame-mAP at IoU 0.5 and per-class AP over the label map's classes.
 *
 * @param detectionRowsRead rows read from the detections (classes of the label map only)
 * @param detectionsEvaluated rows that took part in matching (after exclusions, the per-keyframe cap and
 *     removal of boxes with no area)
 * @param groundTruthRowsIgnored ground-truth rows whose action is not in the label map (ignored, as officially)
 * @param detectionRowsIgnored detection rows whose action is not in the label map (ignored, as officially)
 * @param meanApLowest lowest mAP over all orders of tied scores (the per-keyframe cap's choice taken as given)
 * @param meanApHighest highest mAP over all orders of tied scores
 * @param mixedTieDetections detections in groups of equal scores mixing TPs and FPs, over the classes with ground truth
 * @param warnings signs that the inputs do not belong together (no common video, most keyframes without detections)
 */
public record AvaEvaluationResult(
        AvaProtocol protocol,
        double meanAp,
        List<ClassResult> classes,
        int groundTruthKeyframes,
        int detectionKeyframes,
        long detectionRowsRead,
        long detectionsEvaluated,
        long groundTruthRowsIgnored,
        long detectionRowsIgnored,
        double meanApLowest,
        double meanApHighest,
        long mixedTieDetections,
        List<String> warnings) {

    public AvaEvaluationResult {
        classes = List.copyOf(classes);
        warnings = List.copyOf(warnings);
    }
}
