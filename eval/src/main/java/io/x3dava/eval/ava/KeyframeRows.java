package io.x3dava.eval.ava;

import io.x3dava.annotations.ava.Keyframe;

import java.util.Arrays;

/**
 * The rows of one keyframe, kept exactly as the official read_csv keeps them: a Python heapq (CPython's push / replace
 * algorithm on (score, action, y1, x1, y2, x2) tuples) when capped, else the file order. {@link #ordered} then gives the
 * final order (stable sort by decreasing score over the heap array, or the file order for SlowFast's copy). Under
 * {@link AvaProtocol#STABLE} the heap orders (score, file position) instead, so ties resolve in file order.
 */
final class KeyframeRows {
    final Keyframe keyframe;
    final boolean excluded;
    private final RowTable table;
    private final boolean fileOrderTies;
    private int[] rows = new int[8];
    private int size;

    KeyframeRows(Keyframe keyframe, boolean excluded, RowTable table, boolean fileOrderTies) {
        this.keyframe = keyframe;
        this.excluded = excluded;
        this.table = table;
        this.fileOrderTies = fileOrderTies;
    }

    int size() {
        return size;
    }

    /** The heap's smallest row (valid when the rows are kept as a heap and not empty). */
    int peekMin() {
        return rows[0];
    }

    private boolean less(int a, int b) {
        if (fileOrderTies) {
            double sa = table.score[a];
            double sb = table.score[b];
            // the smallest is the lowest score, and among equal scores the latest row: it leaves first
            return sa < sb || (sa == sb && table.seq[a] > table.seq[b]);
        }
        return table.tupleLess(a, b);
    }

    /** Appends in file order, or pushes onto the heap (heapq.heappush). */
    void add(int row, boolean heap) {
        if (size == rows.length) {
            rows = Arrays.copyOf(rows, size * 2);
        }
        rows[size++] = row;
        if (heap) {
            siftDown(0, size - 1);
        }
    }

    /** heapq.heapreplace after the caller overwrote the smallest row's slot with the new row. */
    void replacedMin() {
        siftUp(0);
    }

    /** CPython heapq._siftdown. */
    private void siftDown(int startPos, int pos) {
        int newItem = rows[pos];
        while (pos > startPos) {
            int parentPos = (pos - 1) >> 1;
            int parent = rows[parentPos];
            if (less(newItem, parent)) {
                rows[pos] = parent;
                pos = parentPos;
                continue;
            }
            break;
        }
        rows[pos] = newItem;
    }

    /** CPython heapq._siftup. */
    private void siftUp(int pos) {
        int endPos = size;
        int startPos = pos;
        int newItem = rows[pos];
        int childPos = 2 * pos + 1;
        while (childPos < endPos) {
            int rightPos = childPos + 1;
            if (rightPos < endPos && !less(rows[childPos], rows[rightPos])) {
                childPos = rightPos;
            }
            rows[pos] = rows[childPos];
            pos = childPos;
            childPos = 2 * pos + 1;
        }
        rows[pos] = newItem;
        siftDown(startPos, pos);
    }

    /**
     * Final row order: stable sort by decreasing score (Python's sorted with key -score) over the stored order, with
     * file position breaking ties under the stable protocol; or as stored.
     */
    int[] ordered(boolean sortByScore) {
        int[] out = Arrays.copyOf(rows, size);
        if (sortByScore) {
            double[] s = table.score;
            int[] seq = table.seq;
            if (fileOrderTies) {
                IntSort.sort(out, size, (a, b) -> s[a] != s[b] ? Double.compare(s[b], s[a]) : Integer.compare(seq[a], seq[b]));
            } else {
                IntSort.sort(out, size, (a, b) -> s[a] > s[b] ? -1 : s[a] < s[b] ? 1 : 0);
            }
        }
        return out;
    }
}
