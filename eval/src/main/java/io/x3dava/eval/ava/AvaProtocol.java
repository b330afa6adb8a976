package io.x3dava.eval.ava;

/**
 * How detections are read before matching, and how tied scores are ranked. The copies of the AVA evaluator that people
 * compare against differ only here; matching, AP and the mean are the same in all of them.
 */
public enum AvaProtocol {
    /**
     * The official ActivityNet get_ava_performance.py (v2.1/v2.2 era): at most 50 detections per keyframe (a min-heap on
     * (score, action, y1, x1, y2, x2) tuples, a new row replacing the smallest only if its score is strictly larger),
     * then each keyframe's rows sorted by decreasing score (stable over the heap's order); per class, the ranking is
     * numpy's np.argsort(scores)[::-1] (not stable: tied scores land in introsort's order).
     */
    OFFICIAL(50, true, true, false, "official ActivityNet evaluator: top 50 detections per keyframe, sorted by score"),
    /** SlowFast's copy (slowfast/utils/ava_eval_helper.py): no cap, rows kept in file order within a keyframe. */
    SLOWFAST(0, false, false, false, "SlowFast ava_eval_helper: no cap, detections matched in file order"),
    /** No cap, rows stable-sorted by decreasing score within a keyframe (as MMAction2's read_csv). */
    NO_CAP_SORTED(0, true, false, false, "no cap, detections sorted by score within each keyframe (MMAction2-style)"),
    /**
     * The official protocol with every tie resolved in file order: top 50 per keyframe (of equal scores the earlier
     * rows stay), keyframe rows by decreasing score then file order, and a stable per-class ranking (keyframes in
     * order of first appearance, then file order). Reproducible under any numpy; differs from OFFICIAL only on ties.
     */
    STABLE(50, true, false, true, "official rules with ties in file order: top 50 per keyframe, stable ranking");

    private final int capacity;
    private final boolean sortByScore;
    private final boolean tupleHeap;
    private final boolean fileOrderTies;
    private final String description;

    AvaProtocol(int capacity, boolean sortByScore, boolean tupleHeap, boolean fileOrderTies, String description) {
        this.capacity = capacity;
        this.sortByScore = sortByScore;
        this.tupleHeap = tupleHeap;
        this.fileOrderTies = fileOrderTies;
        this.description = description;
    }

    /** Detections kept per keyframe; 0 = unlimited. */
    public int capacity() {
        return capacity;
    }

    /** The official reader pushes every row through heapq (capped or not), which fixes the order of tied scores. */
    public boolean usesHeap() {
        return tupleHeap || fileOrderTies;
    }

    /** Whether ground-truth rows go through the official reader's heap (their order decides argmax ties of IoU). */
    boolean groundTruthHeap() {
        return tupleHeap;
    }

    /** Ties in file order everywhere (per-keyframe cap and order, per-class ranking) instead of heap / numpy order. */
    public boolean fileOrderTies() {
        return fileOrderTies;
    }

    public boolean sortByScore() {
        return sortByScore;
    }

    public String description() {
        return description;
    }
}
