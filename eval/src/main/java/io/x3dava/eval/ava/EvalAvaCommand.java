package io.x3dava.eval.ava;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code x3d-ava eval-ava}: AVA frame-mAP of a detections CSV, as the official evaluator computes it. */
@Command(name = "eval-ava", mixinStandardHelpOptions = true,
        description = {"AVA frame-mAP@0.5IOU of a detection CSV against ground truth, equal to the official ActivityNet "
                + "get_ava_performance.py (numpy 1.24 tie order) by default.",
            "Prints per-class AP, the mAP, and the lowest/highest mAP over all orders of tied scores. Warnings "
                + "(no common video id, most keyframes without detections) go to stderr.",
            "Runs in a small heap (scripts/x3d-ava starts it with -Xmx512m, SerialGC, C1 only; AVA val's ~3.8M rows use"
                + " ~110 MB resident)."})
public final class EvalAvaCommand implements Callable<Integer> {
    @Option(names = {"-g", "--gt"}, required = true, description = "ground-truth CSV (e.g. ava_val_v2.2.csv)")
    Path groundTruth;

    @Option(names = {"-d", "--detections"}, required = true,
            description = "detections CSV: video,sec,x1,y1,x2,y2,action,score (UTF-8, quoted fields as Python's csv)")
    Path detections;

    @Option(names = {"-l", "--labelmap"}, required = true, description = "label map .pbtxt (the evaluated classes)")
    Path labelMap;

    @Option(names = {"-e", "--exclusions"}, description = "excluded timestamps CSV")
    Path exclusions;

    @Option(names = "--protocol", defaultValue = "official",
            description = "official (top 50 per keyframe, numpy tie order), stable (the same with ties in file order), "
                    + "slowfast (no cap, file order) or no_cap_sorted (MMAction2-style); case-insensitive")
    AvaProtocol protocol;

    @Option(names = "--json", description = "also write the result as JSON to this file (written atomically)")
    Path json;

    @Override
    public Integer call() throws Exception {
        if (json != null && Files.isDirectory(json)) {
            throw new IllegalArgumentException("--json " + json + ": is a directory; expected a file name");
        }
        io.x3dava.annotations.command.OutputPaths.requireFile(json);
        AvaEvaluationResult r = AvaEvaluator.evaluate(labelMap, groundTruth, detections, exclusions, protocol);
        for (String w : r.warnings()) {
            System.err.println("eval-ava: WARNING: " + w);
        }
        System.out.print(AvaReport.table(r));
        if (json != null) {
            AvaReport.writeJson(r, json);
            System.out.println("wrote " + json);
        }
        return 0;
    }
}
