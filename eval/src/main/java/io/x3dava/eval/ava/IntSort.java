package io.x3dava.eval.ava;

/** Stable sort of int arrays (row ids) by a comparator on the ids, without boxing. */
final class IntSort {
    /** Orders two row ids: negative when {@code a} goes first. */
    @FunctionalInterface
    interface Order {
        int compare(int a, int b);
    }

    private IntSort() {}

    /** Stable: ids that compare equal keep their relative order (like Python's sorted and Java's object sort). */
    static void sort(int[] a, int n, Order order) {
        if (n < 2) {
            return;
        }
        if (n <= 32) {
            insertion(a, 0, n, order);
            return;
        }
        int[] tmp = new int[n];
        mergeSort(a, tmp, 0, n, order);
    }

    private static void insertion(int[] a, int from, int to, Order order) {
        for (int i = from + 1; i < to; i++) {
            int v = a[i];
            int j = i - 1;
            while (j >= from && order.compare(v, a[j]) < 0) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = v;
        }
    }

    private static void mergeSort(int[] a, int[] tmp, int from, int to, Order order) {
        if (to - from <= 32) {
            insertion(a, from, to, order);
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(a, tmp, from, mid, order);
        mergeSort(a, tmp, mid, to, order);
        if (order.compare(a[mid], a[mid - 1]) >= 0) {
            return;
        }
        System.arraycopy(a, from, tmp, from, to - from);
        int i = from;
        int j = mid;
        for (int k = from; k < to; k++) {
            if (j >= to || (i < mid && order.compare(tmp[j], tmp[i]) >= 0)) {
                a[k] = tmp[i++];
            } else {
                a[k] = tmp[j++];
            }
        }
    }
}
