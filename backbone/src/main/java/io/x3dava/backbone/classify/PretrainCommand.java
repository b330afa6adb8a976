package io.x3dava.backbone.classify;

import ai.djl.ndarray.NDManager;

import io.x3dava.backbone.train.RunFolder;
import io.x3dava.backbone.train.Trainer;
import io.x3dava.backbone.x3d.X3DNetwork;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Kinetics pre-training of X3D from scratch (or continued from weights), then multi-view testing. */
@Command(name = "pretrain", mixinStandardHelpOptions = true,
        description = "Train X3D on Kinetics-format data (resumes from the newest checkpoint in --out)")
public final class PretrainCommand implements Callable<Integer> {

    @Mixin
    RecipeOptions recipe;

    @Option(names = "--out", required = true, description = "run folder: checkpoints/, metrics.jsonl, metrics.png")
    Path out;

    @Option(names = "--pretrained", description = "start from these weights (.pyth, .safetensors or a checkpoint)")
    Path pretrained;

    @Option(names = "--allow-recipe-change", description = "continue a run folder whose recipe.json differs (batch, "
            + "lr, epochs ...); the old recipe is kept as recipe.N.json")
    boolean allowRecipeChange;

    @Override
    public Integer call() throws Exception {
        recipe.checkOptions();
        ClassificationRecipe r = recipe.kinetics();
        ClassificationRun run = new ClassificationRun(withClasses(r), System.out).withTestPolicy(recipe.testPolicy());
        try (RunFolder folder = RunFolder.lock(out); NDManager m = NDManager.newBaseManager()) {
            folder.checkRecipe(r.toJson(), allowRecipeChange);
            // Weights are loaded (and checked) before anything is written to the run folder.
            X3DNetwork net = run.network(m, pretrained);
            folder.writeRecipe(r.toJson());
            Trainer.Summary s = run.train(m, net, out);
            ClassificationRun.TestResult t = run.test(m, net, run.samples(r.valList()), r.testClips(), r.testCrops());
            System.out.printf(Locale.ROOT, "%d-view test on %d videos (%d unreadable): top-1 %.2f%%, top-5 %.2f%%%n",
                    r.testClips() * r.testCrops(), t.videos(), t.skipped(), 100 * t.top1(), 100 * t.top5());
            if (t.missingFrames().clips() > 0) {
                System.out.println(t.missingFrames().summary("test clips"));
            }
            System.out.println("weights: " + s.last().model());
        }
        return 0;
    }

    /** The classifier's width is the size of the class list. */
    static ClassificationRecipe withClasses(ClassificationRecipe r) throws java.io.IOException {
        int n = new ClassificationRun(r, System.out).classNames().size();
        return r.with(r.model().withNumClasses(n), r.batchSize(), r.schedule(), r.jitterMin(), r.jitterMax(),
                r.workers(), r.testClips(), r.testCrops());
    }

}
