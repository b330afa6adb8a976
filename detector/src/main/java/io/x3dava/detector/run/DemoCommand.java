package io.x3dava.detector.run;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The main job on the embedded default data set (see {@link MainJob}); sized for a few minutes on 2 CPU cores, and
 * every stage resumes from its checkpoints when re-run.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Main job on generated data: pretrain X3D-XS, train the AVA detector, detect, evaluate")
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--data", defaultValue = "demo-data", description = "where the generated data set is written")
    Path data;

    @Option(names = "--out", defaultValue = "runs/demo", description = "run folder")
    Path out;

    @Option(names = "--pretrain-epochs", defaultValue = "10")
    int pretrainEpochs;

    @Option(names = "--ava-epochs", defaultValue = "8")
    int avaEpochs;

    @Option(names = "--workers", defaultValue = "2")
    int workers;

    @Override
    public Integer call() throws Exception {
        if (pretrainEpochs < 1 || avaEpochs < 1 || workers < 1) {
            throw new IllegalArgumentException("expected --pretrain-epochs, --ava-epochs and --workers >= 1");
        }
        io.x3dava.annotations.command.OutputPaths.requireFolder(data);
        io.x3dava.annotations.command.OutputPaths.requireFolder(out);
        long t0 = System.nanoTime();
        MainJob.Sizes d = MainJob.Sizes.demo();
        MainJob.Sizes sizes = new MainJob.Sizes(d.kineticsPerClass(), d.avaTrainVideos(), d.avaValVideos(),
                pretrainEpochs, avaEpochs, workers);
        MainJob.Result r;
        // Two demos on one --out would resume from each other's checkpoints; the second is refused.
        try (io.x3dava.backbone.train.RunFolder folder = io.x3dava.backbone.train.RunFolder.lock(out)) {
            r = new MainJob(sizes, System.out).run(data, out);
        }
        System.out.printf(Locale.ROOT, "done in %.1f min: pre-training val top-1 %.1f%%, AVA frame-mAP %.3f%n",
                (System.nanoTime() - t0) / 60e9, 100 * r.pretrainTop1(), r.ava().meanAp());
        String vid = "syn_ava_v" + String.format("%03d", d.avaTrainVideos());
        System.out.println("Look at the detections:\n  scripts/x3d-ava view " + r.data().videos().resolve(vid + ".mp4")
                + " -d " + r.detections() + " -g " + r.data().valGt() + " -l " + r.data().labelMap()
                + " --ava-offset");
        return 0;
    }

}
