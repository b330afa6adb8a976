package io.x3dava.eval.ava;

import io.x3dava.annotations.ava.AvaBox;
import io.x3dava.annotations.ava.AvaCsv;
import io.x3dava.annotations.ava.AvaDetectionRow;
import io.x3dava.annotations.ava.AvaGroundTruthRow;
import io.x3dava.annotations.ava.Keyframe;
import io.x3dava.annotations.ava.LabelMap;
import io.x3dava.annotations.ava.LabelMapEntry;
import io.x3dava.eval.ava.AvaEvaluationResult;
import io.x3dava.eval.ava.AvaEvaluator;
import io.x3dava.eval.ava.AvaProtocol;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Benchmark: an AVA-val-sized input (64 videos x 897 keyframes x ~10 proposals x 60 classes = ~3.4M detection rows),
 * generated in memory, written to CSV, read back and evaluated; prints rows/s for each step.
 */
@Command(name = "bench-eval-ava", mixinStandardHelpOptions = true,
        description = "Times AVA evaluation on a generated AVA-val-sized input and prints rows/s.")
public final class BenchEvalAvaCommand implements Callable<Integer> {
    @Option(names = "--videos", defaultValue = "64") int videos;
    @Option(names = "--keyframes", defaultValue = "897", description = "keyframes per video (AVA: seconds 902..1798)") int keyframes;
    @Option(names = "--boxes", defaultValue = "1",
            description = "proposals per keyframe; the default gives the ~3.4M rows of the target, 10 gives 34M") int boxes;
    @Option(names = "--classes", defaultValue = "60") int classes;
    @Option(names = "--seed", defaultValue = "0") long seed;

    /** Rows are produced on the fly (same seed, same rows), so the benchmark itself holds none of them. */
    private void generate(java.util.function.Consumer<AvaDetectionRow> detections, List<AvaGroundTruthRow> gt) {
        Random rnd = new Random(seed);
        for (int v = 0; v < videos; v++) {
            String vid = String.format("video%03d", v);
            for (int k = 0; k < keyframes; k++) {
                Keyframe kf = new Keyframe(vid, 902 + k);
                for (int b = 0; b < boxes; b++) {
                    double x = rnd.nextInt(700) / 1000.0;
                    double y = rnd.nextInt(500) / 1000.0;
                    AvaBox box = new AvaBox(x, y, x + 0.1 + rnd.nextInt(200) / 1000.0, y + 0.2 + rnd.nextInt(300) / 1000.0);
                    if (gt != null && rnd.nextInt(3) > 0) {
                        gt.add(new AvaGroundTruthRow(kf, box, 1 + rnd.nextInt(classes), b));
                    } else if (gt == null) {
                        rnd.nextInt(3);
                    }
                    for (int c = 1; c <= classes; c++) {
                        detections.accept(new AvaDetectionRow(kf, box, c, rnd.nextInt(1_000_000) / 1e6));
                    }
                }
            }
        }
    }

    @Override
    public Integer call() throws Exception {
        if (videos < 1 || keyframes < 1 || boxes < 1 || classes < 1) {
            throw new IllegalArgumentException("expected --videos, --keyframes, --boxes and --classes >= 1");
        }
        List<LabelMapEntry> entries = new ArrayList<>();
        for (int c = 1; c <= classes; c++) {
            entries.add(new LabelMapEntry(c, "action " + c, null));
        }
        LabelMap labels = new LabelMap(entries);
        long rows = (long) videos * keyframes * boxes * classes;
        System.out.printf(Locale.ROOT, "input: %d videos x %d keyframes x %d boxes x %d classes = %,d detection rows%n",
                videos, keyframes, boxes, classes, rows);
        System.out.printf(Locale.ROOT, "threads: %d available processors, max heap %d MiB%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);

        Path dir = Files.createTempDirectory("bench-eval-ava");
        Path csv = dir.resolve("detections.csv");
        List<AvaGroundTruthRow> gt = new ArrayList<>();
        long t0 = System.nanoTime();
        try (java.io.BufferedWriter w = Files.newBufferedWriter(csv)) {
            generate(r -> {
                try {
                    w.write(r.keyframe().videoId() + "," + r.keyframe().timestamp() + "," + r.box().x1() + ","
                            + r.box().y1() + "," + r.box().x2() + "," + r.box().y2() + "," + r.actionId() + "," + r.score() + "\n");
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, gt);
        }
        report("generate + write CSV", rows, t0);
        System.out.printf(Locale.ROOT, "  %,d GT rows, CSV %,d MiB%n", gt.size(), Files.size(csv) >> 20);
        try {
            for (AvaProtocol p : new AvaProtocol[] {AvaProtocol.OFFICIAL, AvaProtocol.SLOWFAST}) {
                String name = p.name().toLowerCase(Locale.ROOT);
                AvaEvaluator e = new AvaEvaluator(labels, Set.of(), p);
                gt.forEach(e::addGroundTruth);
                long t1 = System.nanoTime();
                AvaCsv.readDetections(csv, e::addDetection);
                report("read + validate CSV (" + name + ")", rows, t1);
                long t2 = System.nanoTime();
                AvaEvaluationResult r = e.evaluate();
                report("evaluate (" + name + ")", rows, t2);
                report("total (" + name + ")", rows, t1);
                System.out.printf(Locale.ROOT, "  mAP %.4f, %,d detections evaluated%n", r.meanAp(), r.detectionsEvaluated());
            }
        } finally {
            Files.deleteIfExists(csv);
            Files.deleteIfExists(dir);
        }
        return 0;
    }

    private static void report(String what, long rows, long t0) {
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "%-32s %8.2f s  %,12.0f rows/s%n", what, s, rows / s);
    }

}
