package io.x3dava.eval.ava;

import io.x3dava.annotations.AnnotationFormatException;
import io.x3dava.eval.ava.AvaEvaluationResult;
import io.x3dava.eval.ava.AvaEvaluator;
import io.x3dava.eval.ava.AvaProtocol;
import io.x3dava.eval.ava.AvaReport;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code x3d-ava eval-ava}: AVA frame-mAP of a detections CSV, as the official evaluator computes it. */
@Command(name = "eval-ava", mixinStandardHelpOptions = true,
        description = "AVA frame-mAP@0.5IOU of a detection CSV against ground truth (official ActivityNet protocol by default).")
public final class EvalAvaCommand implements Callable<Integer> {
    @Option(names = {"-g", "--gt"}, required = true, description = "ground-truth CSV (e.g. ava_val_v2.2.csv)")
    Path groundTruth;

    @Option(names = {"-d", "--detections"}, required = true, description = "detections CSV: video,sec,x1,y1,x2,y2,action,score")
    Path detections;

    @Option(names = {"-l", "--labelmap"}, required = true, description = "label map .pbtxt (the evaluated classes)")
    Path labelMap;

    @Option(names = {"-e", "--exclusions"}, description = "excluded timestamps CSV")
    Path exclusions;

    @Option(names = "--protocol", defaultValue = "official",
            description = "official (top 50 per keyframe), slowfast (no cap, file order) or no_cap_sorted; default ${DEFAULT-VALUE}")
    String protocol;

    @Option(names = "--json", description = "also write the result as JSON to this file")
    Path json;

    @Override
    public Integer call() throws Exception {
        io.x3dava.annotations.command.OutputPaths.requireFile(json);
        AvaProtocol p;
        try {
            p = AvaProtocol.valueOf(protocol.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            System.err.println("eval-ava: unknown --protocol '" + protocol + "' (expected official, slowfast or no_cap_sorted)");
            return 2;
        }
        AvaEvaluationResult r = AvaEvaluator.evaluate(labelMap, groundTruth, detections, exclusions, p);
        System.out.print(AvaReport.table(r));
        if (json != null) {
            AvaReport.writeJson(r, json);
            System.out.println("wrote " + json);
        }
        return 0;
    }
}
