package io.x3dava.eval.ava;

/**
 * numpy's default {@code np.argsort(a)} (kind='quicksort': introsort with median-of-3 partitioning, insertion sort
 * on partitions of at most 16 elements and a heapsort fallback) for float64, replicated step by step from numpy 1.24's
 * npysort/quicksort.cpp ({@code aquicksort_<npy::double_tag>}: SMALL_QUICKSORT is 15 there and the partition loop runs
 * while {@code pr - pl > 15}). The official evaluator orders
 * detections with {@code np.argsort(scores)[::-1]}; with tied scores the resulting order, and so the AP, depends on
 * exactly this algorithm, which is not stable.
 */
final class NumpyArgsort {
    private static final int SMALL_QUICKSORT = 15;
    /** PYA_QS_STACK = NPY_BITSOF_INTP * 2. */
    private static final int STACK = 128;

    private NumpyArgsort() {}

    private static boolean less(double a, double b) {
        // numpy's DOUBLE_LT puts NaN last
        return a < b || (b != b && a == a);
    }

    static int[] argsort(double[] v) {
        int n = v.length;
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        if (n > 1) {
            sort(v, idx, n);
        }
        return idx;
    }

    private static int msb(int n) {
        int depth = 0;
        while ((n >>= 1) != 0) {
            depth++;
        }
        return depth;
    }

    private static void sort(double[] v, int[] t, int num) {
        int pl = 0;
        int pr = num - 1;
        int[] stack = new int[STACK];
        int sptr = 0;
        int[] depth = new int[STACK];
        int psdepth = 0;
        int cdepth = msb(num) * 2;
        while (true) {
            boolean heapsorted = false;
            if (cdepth < 0) {
                heapsort(v, t, pl, pr - pl + 1);
                heapsorted = true;
            } else {
                while ((pr - pl) > SMALL_QUICKSORT) {
                    int pm = pl + ((pr - pl) >> 1);
                    if (less(v[t[pm]], v[t[pl]])) {
                        swap(t, pm, pl);
                    }
                    if (less(v[t[pr]], v[t[pm]])) {
                        swap(t, pr, pm);
                    }
                    if (less(v[t[pm]], v[t[pl]])) {
                        swap(t, pm, pl);
                    }
                    double vp = v[t[pm]];
                    int pi = pl;
                    int pj = pr - 1;
                    swap(t, pm, pj);
                    while (true) {
                        do {
                            ++pi;
                        } while (less(v[t[pi]], vp));
                        do {
                            --pj;
                        } while (less(vp, v[t[pj]]));
                        if (pi >= pj) {
                            break;
                        }
                        swap(t, pi, pj);
                    }
                    int pk = pr - 1;
                    swap(t, pi, pk);
                    // push the larger partition, continue with the smaller
                    if (pi - pl < pr - pi) {
                        stack[sptr++] = pi + 1;
                        stack[sptr++] = pr;
                        pr = pi - 1;
                    } else {
                        stack[sptr++] = pl;
                        stack[sptr++] = pi - 1;
                        pl = pi + 1;
                    }
                    depth[psdepth++] = --cdepth;
                }
            }
            if (!heapsorted) {
                for (int pi = pl + 1; pi <= pr; ++pi) {
                    int vi = t[pi];
                    double vp = v[vi];
                    int pj = pi;
                    int pk = pi - 1;
                    while (pj > pl && less(vp, v[t[pk]])) {
                        t[pj--] = t[pk--];
                    }
                    t[pj] = vi;
                }
            }
            if (sptr == 0) {
                break;
            }
            pr = stack[--sptr];
            pl = stack[--sptr];
            cdepth = depth[--psdepth];
        }
    }

    /** numpy's aheapsort on t[off .. off+n), 1-based heap indexing as in the C code. */
    private static void heapsort(double[] v, int[] t, int off, int n) {
        // a = tosort - 1 in numpy: element k (1-based) is t[off + k - 1]
        int i;
        int j;
        int l;
        int tmp;
        for (l = n >> 1; l > 0; --l) {
            tmp = t[off + l - 1];
            for (i = l, j = l << 1; j <= n; ) {
                if (j < n && less(v[t[off + j - 1]], v[t[off + j]])) {
                    j += 1;
                }
                if (less(v[tmp], v[t[off + j - 1]])) {
                    t[off + i - 1] = t[off + j - 1];
                    i = j;
                    j += j;
                } else {
                    break;
                }
            }
            t[off + i - 1] = tmp;
        }
        for (; n > 1; ) {
            tmp = t[off + n - 1];
            t[off + n - 1] = t[off];
            n -= 1;
            for (i = 1, j = 2; j <= n; ) {
                if (j < n && less(v[t[off + j - 1]], v[t[off + j]])) {
                    j++;
                }
                if (less(v[tmp], v[t[off + j - 1]])) {
                    t[off + i - 1] = t[off + j - 1];
                    i = j;
                    j += j;
                } else {
                    break;
                }
            }
            t[off + i - 1] = tmp;
        }
    }

    private static void swap(int[] t, int a, int b) {
        int x = t[a];
        t[a] = t[b];
        t[b] = x;
    }
}
