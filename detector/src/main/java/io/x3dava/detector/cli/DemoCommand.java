package io.x3dava.detector.cli;

import ai.djl.ndarray.NDManager;

import io.x3dava.backbone.classify.ClassificationRecipe;
import io.x3dava.backbone.classify.ClassificationRun;
import io.x3dava.backbone.cli.CliErrors;
import io.x3dava.backbone.synthetic.MotionLabels;
import io.x3dava.backbone.synthetic.SyntheticClassification;
import io.x3dava.backbone.train.ScheduleConfig;
import io.x3dava.backbone.train.Trainer;
import io.x3dava.backbone.x3d.X3DConfig;
import io.x3dava.backbone.x3d.X3DNetwork;
import io.x3dava.backbone.x3d.X3DPresets;
import io.x3dava.detector.model.AvaDetector;
import io.x3dava.detector.model.DetectorConfig;
import io.x3dava.detector.run.AvaRecipe;
import io.x3dava.detector.run.AvaRun;
import io.x3dava.detector.synthetic.SyntheticAva;
import io.x3dava.eval.ava.AvaEvaluationResult;
import io.x3dava.eval.ava.AvaReport;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The main job on the embedded default data set: generate moving-shape videos in the Kinetics and AVA formats,
 * pre-train X3D-XS on the Kinetics part, train the AVA detector from it, detect on the held-out videos and print the
 * official frame-mAP table. Sized for a few minutes on 2 CPU cores; every stage resumes if re-run.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Main job on generated data: pretrain X3D-XS, train the AVA detector, detect, evaluate")
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--data", defaultValue = "demo-data", description = "where the generated data set is written")
    Path data;

    @Option(names = "--out", defaultValue = "runs/demo", description = "run folder")
    Path out;

    @Option(names = "--pretrain-epochs", defaultValue = "6")
    int pretrainEpochs;

    @Option(names = "--ava-epochs", defaultValue = "6")
    int avaEpochs;

    @Option(names = "--workers", defaultValue = "2")
    int workers;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        System.out.println("== 1/4 generating the data set in " + data);
        var k = SyntheticClassification.writeKinetics(data.resolve("kinetics"), 30, 8, 72, 60, 7);
        SyntheticAva.Layout ava = SyntheticAva.write(data.resolve("ava"), 24, 8, 2, 5, 96, 11);
        X3DConfig xs = X3DPresets.get("XS").withNumClasses(MotionLabels.count()).withClip(4, 4, 64);
        xs = new X3DConfig(xs.name(), xs.numClasses(), xs.numFrames(), xs.samplingRate(), xs.trainCrop(), 64,
                xs.dimC1(), xs.dimC5(), xs.widthFactor(), xs.depthFactor(), xs.bottleneckFactor(), xs.seRatio(),
                xs.stemTemporalKernel(), xs.dropout(), xs.scaleRes2());
        ClassificationRecipe kr = ClassificationRecipe.kinetics(xs, "kinetics-csv", k.trainCsv(), k.valCsv(),
                k.videos(), k.classes(), 8, pretrainEpochs);
        kr = kr.with(xs, 8, ScheduleConfig.cosine(0.1, pretrainEpochs, 1, 0.01), 64, 80, workers, 1, 1);
        AvaRecipe ar = new AvaRecipe(DetectorConfig.paper(xs.withClip(4, 4, 96), MotionLabels.count()).withCrops(96, 96),
                ava.videos(), 900, ava.labelMap(), ava.trainGt(), ava.trainProposals(), ava.valGt(),
                ava.valProposals(), ava.valExcluded(), 8, ScheduleConfig.steps(0.05, avaEpochs,
                        java.util.List.of(0.0, 0.7 * avaEpochs), java.util.List.of(1.0, 0.1), 1, 0.005),
                AvaRecipe.defaultSgd(), workers, 0, 0.8);
        try (NDManager m = NDManager.newBaseManager()) {
            System.out.println("== 2/4 pre-training X3D-XS on the Kinetics-format part");
            ClassificationRun kinetics = new ClassificationRun(kr, System.out);
            X3DNetwork net = kinetics.network(m, null);
            Trainer.Summary ks = kinetics.train(m, net, out.resolve("pretrain"));
            System.out.println("== 3/4 training the AVA detector from the pre-trained backbone");
            AvaRun run = new AvaRun(ar, System.out);
            AvaDetector detector = run.detector(m, ks.last().dir());
            run.train(m, detector, out.resolve("ava"));
            System.out.println("== 4/4 detecting on the held-out videos and evaluating (official protocol)");
            Path csv = out.resolve("ava/detections_val.csv");
            run.detect(m, detector, csv);
            AvaEvaluationResult e = run.evaluate(csv);
            System.out.print(AvaReport.table(e));
            AvaReport.writeJson(e, out.resolve("ava/ava_eval.json"));
            System.out.printf(Locale.ROOT, "done in %.1f min. Chance level is about %.2f mAP.%n",
                    (System.nanoTime() - t0) / 60e9, 1.0 / MotionLabels.count());
            String vid = "syn_ava_v024";
            System.out.println("Look at the detections:\n  scripts/x3d-ava view " + ava.videos().resolve(vid + ".mp4")
                    + " -d " + csv + " -g " + ava.valGt() + " -l " + ava.labelMap() + " --ava-offset");
        }
        return 0;
    }

    public static void main(String[] args) {
        System.exit(CliErrors.run(new DemoCommand(), args));
    }
}
