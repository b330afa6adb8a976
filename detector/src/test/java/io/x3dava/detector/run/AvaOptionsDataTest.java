package io.x3dava.detector.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.x3dava.annotations.AtomicFiles;
import io.x3dava.annotations.command.CommandLines;
import io.x3dava.backbone.train.LearningRateSchedule;
import io.x3dava.backbone.x3d.X3DPresets;
import io.x3dava.detector.model.DetectorConfig;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code --config} gives the recipe; every option given on the command line overrides it, the others do not. */
class AvaOptionsDataTest {

    @Command(name = "probe")
    static final class Probe implements Callable<Integer> {
        @Mixin
        AvaOptions options;
        AvaRecipe recipe;

        @Override
        public Integer call() throws Exception {
            recipe = options.recipe();
            return 0;
        }
    }

    private static AvaRecipe config(Path dir) throws Exception {
        DetectorConfig d = DetectorConfig.paper(X3DPresets.get("XS").withClip(4, 12, 96), 80).withCrops(96, 112);
        return AvaRecipe.builder().setDetector(d).optVideos(dir.resolve("clips")).optOffsetSeconds(900)
                .optLabelMap(dir.resolve("labels.pbtxt")).optTrainGt(dir.resolve("train.csv"))
                .optTrainProposals(dir.resolve("train_props.csv")).optValGt(dir.resolve("val.csv"))
                .optValProposals(dir.resolve("val_props.csv")).optValExcluded(dir.resolve("excluded.csv"))
                .optBatchSize(8).optSchedule(AvaRecipe.defaultSchedule(8, 6)).optWorkers(3).optSeed(7)
                .optProposalThreshold(0.7).build();
    }

    private static AvaRecipe run(String... args) {
        Probe p = new Probe();
        assertEquals(0, CommandLines.execute(p, args));
        return p.recipe;
    }

    @Test
    void configAloneIsTheConfig(@TempDir Path dir) throws Exception {
        AvaRecipe c = config(dir);
        Path file = dir.resolve("recipe.json");
        AtomicFiles.writeString(file, c.toJson());
        assertEquals(c.toJson(), run("--config", file.toString()).toJson());
    }

    @Test
    void optionsGivenOverrideTheConfig(@TempDir Path dir) throws Exception {
        AvaRecipe c = config(dir);
        Path file = dir.resolve("recipe.json");
        AtomicFiles.writeString(file, c.toJson());
        Path props = dir.resolve("other_val.pkl");
        AvaRecipe r = run("--config", file.toString(), "--batch", "4", "--threshold", "0.5", "--frames", "8",
                "--val-proposals", props.toString(), "--frames-dir", dir.resolve("rawframes").toString(),
                "--frame-template", "{vid}/img_%05d.jpg", "--offset", "900.5");
        assertEquals(4, r.batchSize());
        assertEquals(0.5, r.proposalThreshold());
        assertEquals(8, r.detector().backbone().numFrames());
        assertEquals(props, r.valProposals());
        assertEquals(dir.resolve("rawframes/{vid}/img_%05d.jpg"), r.videos());
        assertEquals(900.5, r.offsetSeconds());
        // the schedule follows the new batch size (the paper's lr 0.1 per 64 clips) over the config's 6 epochs
        // PySlowFast's get_lr_at_epoch by hand: BASE_LR 0.1 * 4 / 64 = 0.00625, STEPS [0, 3, 4.5] (0.5 and 0.75 of 6
        // epochs), LRS [1, 0.1, 0.01], WARMUP_EPOCHS 1.5 from WARMUP_START_LR 0.00625 / 800 = 7.8125e-6, linear to
        // the steps value at 1.5 (0.00625)
        LearningRateSchedule lr = r.schedule().build();
        assertEquals(6, r.schedule().maxEpoch());
        assertEquals(7.8125e-6, lr.lr(0), 1e-15);
        assertEquals(7.8125e-6 + (0.00625 - 7.8125e-6) * 0.5, lr.lr(0.75), 1e-12);
        assertEquals(0.00625, lr.lr(1.5), 1e-15);
        assertEquals(0.00625, lr.lr(2.99), 1e-15);
        assertEquals(0.000625, lr.lr(3.0), 1e-15);
        assertEquals(0.000625, lr.lr(4.49), 1e-15);
        assertEquals(0.0000625, lr.lr(4.5), 1e-15);
        assertEquals(0.0000625, lr.lr(5.99), 1e-15);
        // what was not given stays as configured, even options with defaults (--preset XS, --epochs 20, --workers)
        assertEquals(c.workers(), r.workers());
        assertEquals(c.seed(), r.seed());
        assertEquals(c.trainProposals(), r.trainProposals());
        assertEquals(c.labelMap(), r.labelMap());
        assertEquals(12, r.detector().backbone().samplingRate());
        assertEquals(96, r.detector().trainCrop());
        assertEquals(112, r.detector().testSize());
        assertEquals(c.detector().features(), r.detector().features());
    }
}
