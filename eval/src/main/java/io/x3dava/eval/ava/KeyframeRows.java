package io.x3dava.eval.ava;

import java.util.Arrays;

/**
 * The rows of one keyframe, kept exactly as the official read_csv keeps them: a Python heapq (CPython's push / replace
 * algorithm on (score, action, y1, x1, y2, x2) tuples) when capped, else the file order. {@link #ordered()} then gives the
 * final order (stable sort by decreasing score over the heap array, or the file order for SlowFast's copy).
 */
final class KeyframeRows {
    private final RowTable table;
    private int[] rows = new int[8];
    private int size;

    KeyframeRows(RowTable table) {
        this.table = table;
    }

    int size() {
        return size;
    }

    /** The heap's smallest row (valid when the rows are kept as a heap and not empty). */
    int peekMin() {
        return rows[0];
    }

    /** Appends (uncapped) or pushes onto the heap; with a capacity, replaces the smallest when the score is larger. */
    void add(int row, int capacity, boolean heap) {
        if (capacity < 1 || size < capacity) {
            if (size == rows.length) {
                rows = Arrays.copyOf(rows, size * 2);
            }
            rows[size++] = row;
            if (heap) {
                siftDown(0, size - 1);
            }
        } else if (table.score[row] > table.score[rows[0]]) {
            // heapreplace: the smallest tuple leaves the heap
            rows[0] = row;
            siftUp(0);
        }
    }

    /** CPython heapq._siftdown. */
    private void siftDown(int startPos, int pos) {
        int newItem = rows[pos];
        while (pos > startPos) {
            int parentPos = (pos - 1) >> 1;
            int parent = rows[parentPos];
            if (table.tupleLess(newItem, parent)) {
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
            if (rightPos < endPos && !table.tupleLess(rows[childPos], rows[rightPos])) {
                childPos = rightPos;
            }
            rows[pos] = rows[childPos];
            pos = childPos;
            childPos = 2 * pos + 1;
        }
        rows[pos] = newItem;
        siftDown(startPos, pos);
    }

    /** Final row order: stable sort by decreasing score (Python's sorted with key -score), or as stored. */
    int[] ordered(boolean sortByScore) {
        int[] out = Arrays.copyOf(rows, size);
        if (sortByScore) {
            Integer[] boxed = new Integer[size];
            for (int i = 0; i < size; i++) {
                boxed[i] = out[i];
            }
            // Arrays.sort on objects is a stable merge sort, like Python's sorted
            Arrays.sort(boxed, (a, b) -> Double.compare(-table.score[a] + 0.0, -table.score[b] + 0.0));
            for (int i = 0; i < size; i++) {
                out[i] = boxed[i];
            }
        }
        return out;
    }
}
