package io.x3dava.eval.ava;

/**
 * numpy's np.sum of a float64 array (add.reduce from the identity 0 with pairwise_sum: 8 partial sums below 128
 * elements, halves above), so that AP and mAP round exactly as the official evaluator's numpy code does; a plain loop
 * differs in the last digit (case1: ...362 vs ...364).
 */
final class NumpySum {
    private static final int BLOCK = 128;

    private NumpySum() {}

    static double sum(double[] a, int n) {
        return 0.0 + pairwise(a, 0, n);
    }

    private static double pairwise(double[] a, int off, int n) {
        if (n < 8) {
            double res = 0.0;
            for (int i = 0; i < n; i++) {
                res += a[off + i];
            }
            return res;
        }
        if (n <= BLOCK) {
            double[] r = new double[8];
            for (int j = 0; j < 8; j++) {
                r[j] = a[off + j];
            }
            int i;
            for (i = 8; i < n - (n % 8); i += 8) {
                for (int j = 0; j < 8; j++) {
                    r[j] += a[off + i + j];
                }
            }
            double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < n; i++) {
                res += a[off + i];
            }
            return res;
        }
        int n2 = n / 2;
        n2 -= n2 % 8;
        return pairwise(a, off, n2) + pairwise(a, off + n2, n - n2);
    }

    /** np.nanmean: NaN entries count as 0 in the sum and are left out of the count; NaN when all are NaN. */
    static double nanMean(double[] a) {
        double[] z = new double[a.length];
        int count = 0;
        for (int i = 0; i < a.length; i++) {
            if (!Double.isNaN(a[i])) {
                z[i] = a[i];
                count++;
            }
        }
        return count == 0 ? Double.NaN : sum(z, z.length) / count;
    }
}
