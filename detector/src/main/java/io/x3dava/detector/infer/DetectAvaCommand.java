package io.x3dava.detector.infer;

import io.x3dava.detector.run.AvaOptions;
import ai.djl.ndarray.NDManager;

import io.x3dava.backbone.cluster.ClusterOptions;
import io.x3dava.backbone.cluster.KeyframeTaskOptions;
import io.x3dava.detector.cluster.AvaClusterDetection;
import io.x3dava.detector.data.AvaSample;
import io.x3dava.detector.model.AvaDetector;
import io.x3dava.detector.model.DetectorCheckpoint;
import io.x3dava.detector.run.AvaRecipe;
import io.x3dava.detector.run.AvaRun;
import io.x3dava.eval.ava.AvaEvaluationResult;
import io.x3dava.eval.ava.AvaReport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Runs a trained detector on the validation keyframes, writes the official CSV and evaluates it. */
@Command(name = "detect-ava", mixinStandardHelpOptions = true,
        description = "Detect actions on AVA keyframes with a trained detector; write the official CSV; print mAP")
public final class DetectAvaCommand implements Callable<Integer> {

    @Mixin
    AvaOptions options;

    @Option(names = "--checkpoint", required = true, description = "detector checkpoint folder (epoch_NNNN)")
    Path checkpoint;

    @Option(names = "--detections", required = true, description = "output CSV (official detection format)")
    Path detections;

    @Option(names = "--json", description = "also write the evaluation as JSON")
    Path json;

    @Mixin
    ClusterOptions cluster = new ClusterOptions();

    @Mixin
    KeyframeTaskOptions tasks = new KeyframeTaskOptions();

    @Override
    public Integer call() throws Exception {
        cluster.check();
        tasks.taskKeyframes();
        if (options.trainProposals() != null) {
            // shared with train-ava through the AVA data options; silently ignoring it would hide a mistaken run
            throw new IllegalArgumentException("--train-proposals " + options.trainProposals() + ": detect-ava does "
                    + "not use training boxes (it detects on --val-proposals)");
        }
        io.x3dava.annotations.command.OutputPaths.requireFile(detections);
        io.x3dava.annotations.command.OutputPaths.requireFile(json);
        AvaRecipe r = options.recipe();
        if (Files.isRegularFile(checkpoint.resolve("config.json"))) {
            // The checkpoint says what network it is, and which actions (unless the recipe or --ava name a label map).
            DetectorCheckpoint ckpt = DetectorCheckpoint.read(checkpoint);
            AvaRecipe.Builder b = r.toBuilder().setDetector(ckpt.config());
            if (r.labelMap() == null && ckpt.labelMapFile() != null) {
                b.optLabelMap(ckpt.labelMapFile());
            }
            r = b.build();
        }
        AvaRun run = new AvaRun(r, System.out);
        if (cluster.given()) {
            // Spark's executors load the detector; this JVM splits the keyframes, writes the rows and evaluates them.
            List<AvaSample> samples = run.inferenceKeyframes();
            run.labelMap(); // the label map, read here: a bad one is bad input before any executor starts
            run.announce(samples.size());
            run.write(AvaClusterDetection.run(cluster.settings("x3d-ava detect-ava"), tasks.taskKeyframes(), r,
                    checkpoint, samples), detections);
            if (r.valGt() != null && Files.isRegularFile(r.valGt())) {
                report(run.evaluateBoth(detections).result());
            }
            return 0;
        }
        try (NDManager m = NDManager.newBaseManager()) {
            AvaDetector d = run.detector(m, checkpoint);
            if (r.valGt() != null && Files.isRegularFile(r.valGt())) {
                report(run.detectAndEvaluate(m, d, detections).result());
            } else {
                run.detect(m, d, detections);
            }
        }
        return 0;
    }

    /** The frame-mAP table, and the JSON with --json. */
    private void report(AvaEvaluationResult e) throws IOException {
        System.out.print(AvaReport.table(e));
        if (json != null) {
            AvaReport.writeJson(e, json);
        }
    }
}
