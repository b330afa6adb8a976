package io.x3dava.detector.run;

import ai.djl.ndarray.NDManager;

import io.x3dava.backbone.classify.ClassificationRecipe;
import io.x3dava.backbone.classify.ClassificationRun;
import io.x3dava.backbone.synthetic.MotionLabels;
import io.x3dava.backbone.synthetic.SyntheticClassification;
import io.x3dava.backbone.train.ScheduleConfig;
import io.x3dava.backbone.train.Trainer;
import io.x3dava.backbone.x3d.X3DConfig;
import io.x3dava.backbone.x3d.X3DNetwork;
import io.x3dava.backbone.x3d.X3DPresets;
import io.x3dava.detector.model.AvaDetector;
import io.x3dava.detector.model.DetectorConfig;
import io.x3dava.detector.synthetic.SyntheticAva;
import io.x3dava.eval.ava.AvaEvaluationResult;
import io.x3dava.eval.ava.AvaReport;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The product's main job end to end on generated data: Kinetics-format pre-training of X3D-XS, AVA detector training
 * from that backbone, detection on held-out videos with proposals above 0.8, official frame-mAP. Used by the demo
 * command (default sizes) and by the end-to-end test (smaller sizes).
 */
public final class MainJob {

    /**
     * How much data and training.
     *
     * @param kineticsPerClass training videos per class of the Kinetics-format part (a quarter as many for validation)
     * @param avaTrainVideos AVA-format training videos (two actors, five keyframes each)
     * @param avaValVideos held-out AVA-format videos
     */
    public record Sizes(int kineticsPerClass, int avaTrainVideos, int avaValVideos, int pretrainEpochs,
                        int avaEpochs, int workers) {

        public static Sizes demo() {
            return new Sizes(40, 24, 8, 10, 8, 2);
        }
    }

    /** What the job produced. */
    public record Result(double pretrainTop1, AvaEvaluationResult ava, Path detections, SyntheticAva.Layout data) {
    }

    private final Sizes sizes;
    private final PrintStream out;

    public MainJob(Sizes sizes, PrintStream out) {
        this.sizes = sizes;
        this.out = out;
    }

    /** The clip both stages use: X3D-XS with 4 frames at stride 4, 64^2 for pre-training and 96^2 for AVA. */
    static X3DConfig backbone() {
        return X3DPresets.get("XS").withNumClasses(MotionLabels.count()).withClip(4, 4, 64);
    }

    public Result run(Path data, Path runs) throws IOException {
        out.println("== 1/4 generating the data set in " + data);
        var k = SyntheticClassification.writeKinetics(data.resolve("kinetics"), sizes.kineticsPerClass(),
                Math.max(4, sizes.kineticsPerClass() / 4), 72, 60, 7);
        SyntheticAva.Layout ava = SyntheticAva.write(data.resolve("ava"), sizes.avaTrainVideos(),
                sizes.avaValVideos(), 2, 5, 96, 11);
        X3DConfig xs = backbone();
        ClassificationRecipe kr = ClassificationRecipe.kinetics(xs, "kinetics-csv", k.trainCsv(), k.valCsv(),
                k.videos(), k.classes(), 8, sizes.pretrainEpochs());
        kr = kr.with(xs, 8, ScheduleConfig.cosine(0.05, sizes.pretrainEpochs(), warmup(sizes.pretrainEpochs()), 0.005),
                64, 80, sizes.workers(), 1, 1);
        // The synthetic frames are square and 96 px: full-frame and centre views coincide; the demo keeps res5.
        AvaRecipe ar = AvaRecipe.builder()
                .setDetector(DetectorConfig.paper(xs.withClip(4, 4, 96), MotionLabels.count()).withCrops(96, 96))
                .optVideos(ava.videos()).optLabelMap(ava.labelMap()).optTrainGt(ava.trainGt())
                .optTrainProposals(ava.trainProposals()).optValGt(ava.valGt()).optValProposals(ava.valProposals())
                .optValExcluded(ava.valExcluded()).optBatchSize(8)
                .optSchedule(ScheduleConfig.steps(0.05, sizes.avaEpochs(), List.of(0.0, 0.7 * sizes.avaEpochs()),
                        List.of(1.0, 0.1), warmup(sizes.avaEpochs()), 0.005))
                .optWorkers(sizes.workers()).build();
        try (NDManager m = NDManager.newBaseManager()) {
            out.println("== 2/4 pre-training X3D-XS on the Kinetics-format part");
            ClassificationRun kinetics = new ClassificationRun(kr, out);
            X3DNetwork net = kinetics.network(m, null);
            Trainer.Summary ks = kinetics.train(m, net, runs.resolve("pretrain"));
            double top1 = ks.history().get(ks.history().size() - 1).eval().getOrDefault("val_top1", Double.NaN);
            out.println("== 3/4 training the AVA detector from the pre-trained backbone");
            AvaRun run = new AvaRun(ar, out);
            AvaDetector detector = run.detector(m, ks.last().dir());
            run.train(m, detector, runs.resolve("ava"));
            out.println("== 4/4 detecting on the held-out videos and evaluating (official protocol)");
            Path csv = runs.resolve("ava/detections_val.csv");
            run.detect(m, detector, csv);
            AvaEvaluationResult e = run.evaluate(csv);
            out.print(AvaReport.table(e));
            AvaReport.writeJson(e, runs.resolve("ava/ava_eval.json"));
            return new Result(top1, e, csv, ava);
        }
    }

    /** One warm-up epoch, or half the run when it is a single epoch (a warm-up must end before the schedule does). */
    static double warmup(int epochs) {
        return Math.min(1.0, epochs / 2.0);
    }
}
