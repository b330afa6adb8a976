package io.x3dava.detector.check;

import io.x3dava.annotations.ava.LabelMap;
import io.x3dava.proposals.InferenceBoxes;
import io.x3dava.annotations.command.ExitCodes;
import io.x3dava.backbone.x3d.X3DConfig;
import io.x3dava.backbone.x3d.X3DPresets;
import io.x3dava.detector.data.AvaLayout;
import io.x3dava.detector.data.AvaLayoutOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Checks an AVA folder (layout, frames, keyframe windows, ground truth, proposals) before training on it. */
@Command(name = "check-ava", mixinStandardHelpOptions = true,
        description = {"Check an AVA folder before a run: videos listed vs present, frames per video vs expected,"
                + " keyframe windows with missing or undecodable frames, ground truth per class, proposals and their"
                + " recall.", "Exit 0: fine, 1: problems found, 2: unreadable input."})
public final class CheckAvaCommand implements Callable<Integer> {

    @Mixin
    AvaLayoutOptions data = new AvaLayoutOptions();

    @Option(names = "--preset", defaultValue = "XS", description = "X3D preset whose clip window is checked")
    String preset;

    @Option(names = "--frames", description = "frames per clip window (default: the preset's)")
    Integer frames;

    @Option(names = "--rate", description = "sampling rate of the window (default: the preset's)")
    Integer rate;

    @Option(names = "--threshold", defaultValue = "" + InferenceBoxes.SCORE_THRESHOLD, description = "proposal score kept at inference")
    double threshold;

    @Option(names = "--min-recall", defaultValue = "0.8",
            description = "recall of ground-truth boxes at IoU 0.5 below which proposals are a problem")
    double minRecall;

    @Option(names = "--samples", defaultValue = "100", description = "keyframe windows decoded per split")
    int samples;

    @Option(names = "--full", description = "decode every frame of every keyframe window (slow)")
    boolean full;

    @Option(names = "--expected-frames", description = "frames every video should have (default: frame list rows,"
            + " the cut clip's length at 30 fps, else 27030)")
    Long expectedFrames;

    @Option(names = "--json", description = "also write the report as JSON")
    Path json;

    @Override
    public Integer call() throws Exception {
        if (!data.given()) {
            throw new IllegalArgumentException("give --ava folder (or --annotations with --frames-dir)");
        }
        AvaLayout layout = data.detect();
        System.out.print(layout.describe());
        System.out.println();
        if (!Files.isRegularFile(layout.labelMap()) && !Files.isRegularFile(layout.fullLabelMap())
                && !Files.isRegularFile(layout.trainGt()) && !Files.isRegularFile(layout.valGt())) {
            // nothing to check: not a data set with problems but no data set (unreadable input)
            throw new IllegalArgumentException(data.folder() + ": no AVA label map and no "
                    + "ground truth found; expected an AVA folder as PySlowFast or MMAction2 lays it out");
        }
        X3DConfig b = X3DPresets.get(preset);
        AvaCheckConfig cfg = AvaCheckConfig.defaults()
                .withWindow(frames != null ? frames : b.numFrames(), rate != null ? rate : b.samplingRate())
                .withThreshold(threshold).withSamples(samples, full).withMinRecall(minRecall)
                .withExpectedFrames(expectedFrames != null ? expectedFrames : 0);
        AvaCheckReport report = new AvaCheck(layout, cfg).run();
        LabelMap names = Files.isRegularFile(layout.fullLabelMap()) ? LabelMap.read(layout.fullLabelMap())
                : Files.isRegularFile(layout.labelMap()) ? LabelMap.read(layout.labelMap()) : null;
        System.out.print(AvaCheckTable.table(report, names));
        if (json != null) {
            AvaCheckTable.writeJson(report, json);
            System.out.println("report: " + json);
        }
        return report.fine() ? ExitCodes.OK : ExitCodes.FAILURE;
    }
}
