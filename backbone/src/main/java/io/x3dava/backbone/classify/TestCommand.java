package io.x3dava.backbone.classify;

import ai.djl.ndarray.NDManager;

import io.x3dava.backbone.x3d.X3DConfig;
import io.x3dava.backbone.x3d.X3DNetwork;
import io.x3dava.backbone.x3d.X3DPresets;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Multi-view testing of a trained classifier (PySlowFast TEST: K uniformly spaced clips x 1 or 3 crops per video):
 * top-1 / top-5 for Kinetics (softmax averaged over views), video-level mAP for Charades (sigmoid max-pooled).
 */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = "Multi-view test of a classifier: K-Center or K-LeftCenterRight views per video; top-1/top-5 "
                + "(Kinetics) or mAP (Charades)")
public final class TestCommand implements Callable<Integer> {

    /** Exactly one source of weights. */
    static final class Weights {
        @Option(names = "--checkpoint", required = true, description = "checkpoint dir (epoch_NNNN/), its "
                + "model.safetensors, or a run folder (newest checkpoint); config.json gives network, task, classes")
        Path checkpoint;

        @Option(names = "--weights", required = true, description = "bare weights (.pyth from PySlowFast or "
                + "PyTorchVideo, .safetensors); the network comes from --preset or --config")
        Path weights;
    }

    @ArgGroup(multiplicity = "1")
    Weights source;

    @Mixin
    RecipeOptions recipe;

    @Option(names = "--json", description = "also write the results to this JSON file")
    Path json;

    PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        recipe.checkOptions();
        io.x3dava.annotations.command.OutputPaths.requireFile(json);
        TrainedModel tm = TrainedModel.locate(source.checkpoint != null ? source.checkpoint : source.weights);
        if (source.weights != null && tm.hasConfig()) {
            tm = new TrainedModel(tm.weights(), null, null, List.of()); // --weights: config.json is not consulted
        }
        ClassificationRecipe r = recipeFor(tm);
        ClassificationRun run = new ClassificationRun(r, out).withTestPolicy(recipe.testPolicy());
        List<String> names = run.classNames();
        if (names.size() != r.model().numClasses()) {
            throw new IllegalArgumentException(tm.weights() + " is a " + r.model().numClasses() + "-way classifier but "
                    + r.classList() + " lists " + names.size() + " classes");
        }
        if (!tm.classes().isEmpty() && !tm.classes().equals(names)) {
            throw new IllegalArgumentException(tm.weights() + " was trained on other classes (or another order) than "
                    + r.classList() + lists(tm.classes(), names));
        }
        long t0 = System.nanoTime();
        try (NDManager m = NDManager.newBaseManager()) {
            X3DNetwork net = run.network(m, tm.weights());
            var samples = run.samples(r.valList());
            ClassificationRun.TestResult t = run.test(m, net, samples, r.testClips(), r.testCrops());
            TestReport report = TestReport.of(r, tm.weights(), t, (System.nanoTime() - t0) / 1e9);
            out.println(report.summary());
            if (json != null) {
                report.write(json);
            }
            if (t.videos() == 0) {
                throw new IOException("none of the " + samples.size() + " test videos could be read");
            }
        }
        return 0;
    }

    private ClassificationRecipe recipeFor(TrainedModel tm) throws IOException {
        if (tm.hasConfig()) {
            if (recipe.preset != null) {
                throw new IllegalArgumentException("--preset is for weights without config.json; " + tm.weights()
                        + " already says it is " + tm.model().name());
            }
            return recipe.forModel(tm.task(), tm.model());
        }
        ClassificationTask task = recipe.config != null ? ClassificationRecipe.read(recipe.config).task()
                : recipe.dataIsCharades() ? ClassificationTask.CHARADES : ClassificationTask.KINETICS;
        X3DConfig model;
        if (recipe.config != null) {
            model = ClassificationRecipe.read(recipe.config).model();
            if (recipe.preset != null) {
                model = X3DPresets.get(recipe.preset).withNumClasses(model.numClasses());
            }
        } else if (recipe.preset != null) {
            model = X3DPresets.get(recipe.preset);
        } else {
            throw new IllegalArgumentException(tm.weights() + " has no config.json: give --preset (XS, S, M, L, XL: "
                    + "they differ in clip size, not always in weights) or --config recipe.json");
        }
        ClassificationRecipe r = recipe.forModel(task, model);
        int classes = new ClassificationRun(r, out).classNames().size();
        return r.with(r.model().withNumClasses(classes), r.batchSize(), r.schedule(), r.jitterMin(), r.jitterMax(),
                r.workers(), r.testClips(), r.testCrops());
    }

    private static String lists(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            if (!a.get(i).equals(b.get(i))) {
                return " (class " + i + " is \"" + a.get(i) + "\" in the checkpoint, \"" + b.get(i) + "\" in the data)";
            }
        }
        return "";
    }

}
