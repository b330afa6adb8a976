package io.x3dava.eval.ava;

/**
 * How detections are read before matching. The three copies of the AVA evaluator that people compare against differ
 * only here; matching, AP and the mean are the same in all of them.
 */
public enum AvaProtocol {
    /**
     * The official ActivityNet get_ava_performance.py (v2.1/v2.2 era): at most 50 detections per keyframe (a min-heap on
     * (score, action, y1, x1, y2, x2) tuples, a new row replacing the smallest only if its score is strictly larger),
     * then each keyframe's rows sorted by decreasing score (stable over the heap's order).
     */
    OFFICIAL(50, true, "official ActivityNet evaluator: top 50 detections per keyframe, sorted by score"),
    /** SlowFast's copy (slowfast/utils/ava_eval_helper.py): no cap, rows kept in file order within a keyframe. */
    SLOWFAST(0, false, "SlowFast ava_eval_helper: no cap, detections matched in file order"),
    /** No cap, rows stable-sorted by decreasing score within a keyframe (as MMAction2's read_csv). */
    NO_CAP_SORTED(0, true, "no cap, detections sorted by score within each keyframe (MMAction2-style)");

    private final int capacity;
    private final boolean sortByScore;
    private final String description;

    AvaProtocol(int capacity, boolean sortByScore, String description) {
        this.capacity = capacity;
        this.sortByScore = sortByScore;
        this.description = description;
    }

    /** Detections kept per keyframe; 0 = unlimited. */
    public int capacity() {
        return capacity;
    }

    /** The official reader pushes every row through heapq (capped or not), which fixes the order of tied scores. */
    public boolean usesHeap() {
        return this == OFFICIAL;
    }

    public boolean sortByScore() {
        return sortByScore;
    }

    public String description() {
        return description;
    }
}
