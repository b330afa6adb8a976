package io.x3dava.viewer;

/** How a box is drawn: detections solid, ground truth dashed; TP/FP only when ground truth is loaded. */
public enum BoxStyle {
    /** A detection, no ground truth to judge it. */
    DETECTION,
    /** A detection with at least one shown action matching ground truth at IoU 0.5. */
    TRUE_POSITIVE,
    /** A detection none of whose shown actions matches ground truth. */
    FALSE_POSITIVE,
    /** A ground-truth box all of whose (shown) actions are found by the shown detections. */
    GROUND_TRUTH,
    /** A ground-truth box with at least one action no shown detection found. */
    MISSED;

    public boolean isGroundTruth() {
        return this == GROUND_TRUTH || this == MISSED;
    }

    /** Short tag printed before the labels ("" for plain detections and matched ground truth). */
    public String tag() {
        return switch (this) {
            case TRUE_POSITIVE -> "TP";
            case FALSE_POSITIVE -> "FP";
            case MISSED -> "MISSED";
            case GROUND_TRUTH -> "GT";
            case DETECTION -> "";
        };
    }
}
