package io.x3dava.backbone.classify;

import ai.djl.ndarray.NDManager;

import io.x3dava.backbone.train.RunFolder;
import io.x3dava.backbone.train.Trainer;
import io.x3dava.backbone.x3d.X3DConfig;
import io.x3dava.backbone.x3d.X3DNetwork;
import io.x3dava.backbone.x3d.X3DPresets;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Charades fine-tuning of a Kinetics X3D (paper section 4.2, SlowFast's Charades recipe): a new sigmoid classifier as
 * wide as Charades_v1_classes.txt, twice the Kinetics temporal stride, BCE on logits against the actions present in
 * the sampled frames, step decay; then multi-view testing with clip scores max-pooled per video and video-level mAP.
 */
@Command(name = "finetune-charades", mixinStandardHelpOptions = true,
        description = "Fine-tune a Kinetics X3D on Charades (sigmoid BCE head), then test: video-level mAP "
                + "(resumes from the newest checkpoint in --out)")
public final class FinetuneCharadesCommand implements Callable<Integer> {

    @Option(names = "--pretrained", required = true, description = "Kinetics weights: a checkpoint dir / its "
            + "model.safetensors / a pretrain run folder (network from config.json), or a PySlowFast / PyTorchVideo "
            + ".pyth (network from --preset)")
    Path pretrained;

    @Mixin
    RecipeOptions recipe;

    @Option(names = "--out", required = true, description = "run folder: checkpoints/, metrics.jsonl, metrics.png, "
            + "recipe.json, test.json")
    Path out;

    @Option(names = "--allow-recipe-change", description = "continue a run folder whose recipe.json differs (batch, "
            + "lr, epochs ...); the old recipe is kept as recipe.N.json")
    boolean allowRecipeChange;

    PrintStream log = System.out;

    @Override
    public Integer call() throws Exception {
        recipe.checkOptions();
        TrainedModel tm = TrainedModel.locate(pretrained);
        ClassificationRecipe r = recipe.charades(kineticsModel(tm));
        ClassificationRun run = new ClassificationRun(r, log).withTestPolicy(recipe.testPolicy());
        log.printf("fine-tuning %s (%d frames x rate %d, crop %d) on %d Charades classes%n", r.model().name(),
                r.model().numFrames(), r.model().samplingRate(), r.model().trainCrop(), r.model().numClasses());
        long t0 = System.nanoTime();
        try (RunFolder folder = RunFolder.lock(out); NDManager m = NDManager.newBaseManager()) {
            folder.checkRecipe(r.toJson(), allowRecipeChange);
            // Weights are loaded (and checked) before anything is written to the run folder.
            X3DNetwork net = run.network(m, tm.weights());
            folder.writeRecipe(r.toJson());
            NewClassifier.reset(net, r.seed());
            log.printf("new %d-way sigmoid classifier (the Kinetics one is not used)%n", r.model().numClasses());
            Trainer.Summary s = run.train(m, net, out);
            ClassificationRun.TestResult t = run.test(m, net, run.samples(r.valList()), r.testClips(), r.testCrops());
            TestReport report = TestReport.of(r, s.last().model(), t, (System.nanoTime() - t0) / 1e9);
            report.write(out.resolve("test.json"));
            log.println(report.summary());
            log.println("weights: " + s.last().model());
            if (t.videos() == 0) {
                throw new IOException("none of the test videos could be read");
            }
        }
        return 0;
    }

    /** The Kinetics network the weights belong to: config.json, else the preset the user names. */
    private X3DConfig kineticsModel(TrainedModel tm) {
        if (tm.hasConfig()) {
            if (tm.task() == ClassificationTask.CHARADES) {
                throw new IllegalArgumentException(tm.weights() + " is already a Charades model; to continue its "
                        + "training run finetune-charades again with the same --out (it resumes)");
            }
            if (recipe.preset != null) {
                throw new IllegalArgumentException("--preset is for weights without config.json; " + tm.weights()
                        + " already says it is " + tm.model().name());
            }
            return tm.model();
        }
        if (recipe.preset == null) {
            throw new IllegalArgumentException(tm.weights() + " has no config.json: give --preset (XS, S, M, L, XL) "
                    + "for the network it holds");
        }
        return X3DPresets.get(recipe.preset);
    }

}
