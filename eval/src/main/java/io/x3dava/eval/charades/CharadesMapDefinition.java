package io.x3dava.eval.charades;

/** The two Charades mAP definitions people report. */
public enum CharadesMapDefinition {
    /**
     * PySlowFast's get_map: scikit-learn's average_precision_score per class (tied scores form one threshold step),
     * classes without any positive video dropped, unweighted mean.
     */
    SLOWFAST,
    /**
     * The official Charades_v1_classify.m (THUMOS-style charades_ap): videos sorted by decreasing score (stable),
     * AP = mean of the precision at each positive; classes without a positive left out of the mean.
     */
    OFFICIAL
}
