package io.x3dava.backbone.classify;

import io.x3dava.annotations.charades.CharadesClasses;
import io.x3dava.annotations.kinetics.RawframeList;
import io.x3dava.backbone.train.ScheduleConfig;
import io.x3dava.backbone.video.MissingFramePolicy;
import io.x3dava.backbone.x3d.ShortSideRatio;
import io.x3dava.backbone.x3d.X3DConfig;
import io.x3dava.backbone.x3d.X3DPresets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import picocli.CommandLine.Option;

/** Command-line overrides shared by pretrain / test / finetune-charades (a JSON recipe gives everything else). */
public final class RecipeOptions {

    @Option(names = "--config", description = "recipe JSON (ClassificationRecipe); options below override it")
    Path config;

    @Option(names = "--data", description = {"data folder, one of these layouts (found by looking):",
        "Kinetics (pretrain, test): classes.txt and train.csv + validate.csv (or val.csv / test.csv) as the official"
            + " CSVs (label,youtube_id,time_start,time_end,split) over videos/<label>/<id>_<start>_<end>.mp4, as"
            + " PySlowFast 'path label' lists over videos/ (files, or frame folders <vid>/<vid>_%%06d.jpg or"
            + " <vid>/img_%%05d.jpg), or as MMAction2 rawframe lists 'frame_dir total_frames label' over videos/;",
        "Charades (finetune-charades, test): Charades_v1_classes.txt with Charades_v1_train.csv +"
            + " Charades_v1_test.csv over videos/<id>.mp4 or videos/<id>/<id>-%%06d.jpg, or PySlowFast's"
            + " frame_lists/train.csv + val.csv over frames/<id>/<id>-%%06d.jpg (used when there is no videos/).",
        "Frame folders follow their list (frame list rows, rawframe counts) or else the file-name pattern; a"
            + " missing frame is reported with its path (check-charades / check-ava list them all)."})
    Path data;

    @Option(names = "--pad-missing-frames", description = "at test and validation time, score a clip that needs a "
            + "missing or undecodable frame with the nearest readable frame repeated (default: the clip is left out "
            + "and counted); training always leaves such clips out")
    boolean padMissingFrames;

    @Option(names = "--preset", description = "X3D preset: X2D, XS, S, M, L, XL (default XS)")
    String preset;

    @Option(names = "--frames", description = "frames per clip (gamma_t)")
    Integer frames;

    @Option(names = "--rate", description = "sampling rate in frames at 30 fps (gamma_tau)")
    Integer rate;

    @Option(names = "--crop", description = "training crop; the test scale and crop follow it unless --test-crop")
    Integer crop;

    @Option(names = "--test-crop", description = "test short side and crop")
    Integer testCrop;

    @Option(names = "--epochs", description = "training epochs")
    Integer epochs;

    @Option(names = "--batch", description = "clips per step")
    Integer batch;

    @Option(names = "--lr", description = "base learning rate (default scaled from the recipe to the batch)")
    Double lr;

    @Option(names = "--workers", description = "decoding threads")
    Integer workers;

    @Option(names = "--test-clips", description = "temporal clips per video at test time (default 10)")
    Integer testClips;

    @Option(names = "--test-crops", description = "spatial crops per clip at test time: 1 or 3 (default 3)")
    Integer testCrops;

    /** The policy for missing frames at test time. */
    MissingFramePolicy testPolicy() {
        return padMissingFrames ? MissingFramePolicy.REPEAT_NEAREST : MissingFramePolicy.FAIL;
    }

    /** The Kinetics recipe for these options. */
    ClassificationRecipe kinetics() throws IOException {
        ClassificationRecipe base;
        if (config != null) {
            base = ClassificationRecipe.read(config);
        } else {
            base = kineticsFromData(X3DPresets.get(preset == null ? "XS" : preset));
        }
        return apply(base);
    }

    /**
     * The recipe of {@code task} for a given network (from a checkpoint): --config with its model replaced, or the
     * --data folder's Kinetics or Charades layout; the clip options then override the network's clip.
     */
    ClassificationRecipe forModel(ClassificationTask task, X3DConfig model) throws IOException {
        ClassificationRecipe base;
        if (config != null) {
            base = ClassificationRecipe.read(config);
            if (base.task() != task) {
                throw new IllegalArgumentException(config + " is a \"" + base.task() + "\" recipe, the model is \""
                        + task + "\"");
            }
        } else if (task == ClassificationTask.CHARADES) {
            base = charadesFromData(model);
        } else {
            base = kineticsFromData(model);
        }
        base = base.with(model, base.batchSize(), base.schedule(), base.jitterMin(), base.jitterMax(), base.workers(),
                base.testClips(), base.testCrops());
        return apply(base);
    }

    /**
     * Charades fine-tuning of a Kinetics network ({@link ClassificationRecipe#charades}: twice the temporal stride,
     * a new classifier as wide as Charades_v1_classes.txt): --config gives lists and solver, else --data.
     */
    ClassificationRecipe charades(X3DConfig kineticsModel) throws IOException {
        if (config == null) {
            return apply(charadesFromData(kineticsModel));
        }
        ClassificationRecipe r = ClassificationRecipe.read(config);
        if (!r.multiLabel()) {
            throw new IllegalArgumentException(config + " is a \"" + r.task() + "\" recipe, fine-tuning needs "
                    + "\"charades\"");
        }
        X3DConfig m = ClassificationRecipe.charades(kineticsModel, CharadesClasses.read(r.classList()).size(),
                r.trainList(), r.valList(), r.videoRoot(), r.classList(), r.batchSize(), r.epochs()).model();
        return apply(r.with(m, r.batchSize(), r.schedule(), r.jitterMin(), r.jitterMax(), r.workers(), r.testClips(),
                r.testCrops()));
    }

    /** True when --data holds a Charades layout (Charades_v1_classes.txt). */
    boolean dataIsCharades() {
        return data != null && Files.isRegularFile(data.resolve("Charades_v1_classes.txt"));
    }

    private ClassificationRecipe kineticsFromData(X3DConfig model) throws IOException {
        Path dir = requireData();
        Path train = dir.resolve("train.csv");
        Path val = firstExisting(dir.resolve("validate.csv"), dir.resolve("val.csv"), dir.resolve("test.csv"));
        String format = Files.isRegularFile(train)
                && Files.readAllLines(train).stream().findFirst().orElse("").startsWith("label,youtube_id")
                ? "kinetics-csv" : RawframeList.looksLike(train) ? "rawframes" : "path-label";
        return ClassificationRecipe.kinetics(model, format, train, val, dir.resolve("videos"),
                dir.resolve("classes.txt"), batch == null ? 16 : batch, epochs == null ? 10 : epochs);
    }

    private ClassificationRecipe charadesFromData(X3DConfig kineticsModel) throws IOException {
        Path dir = requireData();
        Path classes = dir.resolve("Charades_v1_classes.txt");
        int n = CharadesClasses.read(classes).size();
        ClassificationRecipe r = ClassificationRecipe.charades(kineticsModel, n, dir.resolve("Charades_v1_train.csv"),
                dir.resolve("Charades_v1_test.csv"), dir.resolve("videos"), classes, batch == null ? 16 : batch,
                epochs == null ? 10 : epochs);
        // SlowFast's layout: frame_lists/{train,val}.csv over frames/<vid>/<vid>-%06d.jpg
        Path lists = dir.resolve("frame_lists");
        if (Files.isRegularFile(lists.resolve("train.csv")) && !Files.isDirectory(dir.resolve("videos"))) {
            r = r.withData("charades-frame-lists", lists.resolve("train.csv"), lists.resolve("val.csv"),
                    dir.resolve("frames"));
        }
        return r;
    }

    private Path requireData() throws IOException {
        if (data == null) {
            throw new IllegalArgumentException("give --config recipe.json or --data folder");
        }
        if (!Files.isDirectory(data)) {
            throw new IOException(data + ": no such data folder");
        }
        return data;
    }

    ClassificationRecipe apply(ClassificationRecipe r) {
        checkOptions();
        X3DConfig m = r.model();
        if (preset != null && config != null) {
            m = X3DPresets.get(preset).withNumClasses(m.numClasses());
        }
        int f = frames != null ? frames : m.numFrames();
        int t = rate != null ? rate : m.samplingRate();
        int c = crop != null ? crop : m.trainCrop();
        m = m.withClip(f, t, c);
        if (testCrop != null) {
            m = m.withTestCrop(testCrop);
        }
        int jMin = r.jitterMin();
        int jMax = r.jitterMax();
        if (crop != null) {
            jMin = ShortSideRatio.KINETICS_JITTER_MIN.of(c);
            jMax = ShortSideRatio.KINETICS_JITTER_MAX.of(c);
        }
        int b = batch != null ? batch : r.batchSize();
        ScheduleConfig s = r.schedule();
        double e = epochs != null ? epochs : s.maxEpoch();
        double scale = e / s.maxEpoch();
        double base = lr != null ? lr : s.baseLr() * b / r.batchSize();
        s = new ScheduleConfig(s.policy(), base, e, s.warmupEpochs() * scale, s.warmupStartLr() * base / s.baseLr(),
                s.cosineEndLr(), s.steps().stream().map(x -> x * scale).toList(), s.relativeLrs());
        return r.with(m, b, s, jMin, jMax, workers != null ? workers : r.workers(),
                testClips != null ? testClips : r.testClips(), testCrops != null ? testCrops : r.testCrops());
    }

    /** The numeric options, checked before any file is read or written. */
    void checkOptions() {
        positive("--frames", frames);
        positive("--rate", rate);
        positive("--epochs", epochs);
        positive("--batch", batch);
        positive("--workers", workers);
        positive("--test-clips", testClips);
        if (crop != null && crop < 32 || testCrop != null && testCrop < 32) {
            throw new IllegalArgumentException("expected --crop and --test-crop >= 32");
        }
        if (lr != null && !(lr > 0 && Double.isFinite(lr))) {
            throw new IllegalArgumentException("expected --lr > 0, got " + lr);
        }
        if (testCrops != null && testCrops != 1 && testCrops != 3) {
            throw new IllegalArgumentException("expected --test-crops 1 or 3, got " + testCrops);
        }
    }

    private static void positive(String option, Integer value) {
        if (value != null && value < 1) {
            throw new IllegalArgumentException("expected " + option + " >= 1, got " + value);
        }
    }

    private static Path firstExisting(Path... candidates) {
        for (Path p : candidates) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return candidates[0];
    }
}
