package io.x3dava.detector.train;

import io.x3dava.detector.run.AvaOptions;
import ai.djl.ndarray.NDManager;

import io.x3dava.backbone.train.RunFolder;
import io.x3dava.backbone.train.Trainer;
import io.x3dava.detector.model.AvaDetector;
import io.x3dava.detector.run.AvaRecipe;
import io.x3dava.detector.run.AvaRun;
import io.x3dava.eval.ava.AvaEvaluationResult;
import io.x3dava.eval.ava.AvaReport;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Trains the AVA detector from Kinetics weights, then detects on the validation set and prints frame-mAP. */
@Command(name = "train-ava", mixinStandardHelpOptions = true,
        description = "Train the X3D AVA detector (resumes from --out), then detect on val and print frame-mAP")
public final class TrainAvaCommand implements Callable<Integer> {

    @Mixin
    AvaOptions options;

    @Option(names = "--pretrained", description = "Kinetics weights: a checkpoint folder, .safetensors or .pyth")
    Path pretrained;

    @Option(names = "--out", required = true, description = "run folder")
    Path out;

    @Option(names = "--allow-recipe-change", description = "continue a run folder whose recipe.json differs (batch, "
            + "lr, epochs ...); the old recipe is kept as recipe.N.json")
    boolean allowRecipeChange;

    @Override
    public Integer call() throws Exception {
        AvaRecipe r = options.recipe();
        AvaRun run = new AvaRun(r, System.out);
        try (RunFolder folder = RunFolder.lock(out); NDManager m = NDManager.newBaseManager()) {
            folder.checkRecipe(r.toJson(), allowRecipeChange);
            AvaDetector d = run.detector(m, pretrained);
            folder.writeRecipe(r.toJson());
            Trainer.Summary s = run.train(m, d, out);
            Path csv = out.resolve("detections_val.csv");
            AvaEvaluationResult e = run.finalDetections(m, d, out, s.epochs(), csv).result();
            System.out.print(AvaReport.table(e));
            AvaReport.writeJson(e, out.resolve("ava_eval.json"));
            System.out.println("weights: " + s.last().model());
        }
        return 0;
    }

}
