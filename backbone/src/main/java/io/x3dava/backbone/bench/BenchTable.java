package io.x3dava.backbone.bench;

import java.util.Locale;

/**
 * The fixed-width table bench-x3d prints (scripts/bench_x3d_pytorch.py prints the same columns): one row per network
 * and batch size; NaN (printed "-") where a measurement was not taken.
 */
public final class BenchTable {

    private BenchTable() {
    }

    /** One measured row. */
    public record Row(String model, int batch, double inferClipsPerSec, double trainStepsPerSec) {

        public double trainClipsPerSec() {
            return trainStepsPerSec * batch;
        }
    }

    public static String header() {
        return String.format(Locale.ROOT, "%-8s %5s %14s %14s %14s", "model", "batch", "infer_clips/s",
                "train_steps/s", "train_clips/s");
    }

    public static String format(Row r) {
        return String.format(Locale.ROOT, "%-8s %5d %14s %14s %14s", r.model(), r.batch(), num(r.inferClipsPerSec()),
                num(r.trainStepsPerSec()), num(r.trainClipsPerSec()));
    }

    static String num(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }
}
