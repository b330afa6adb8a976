package io.x3dava.detector.check;

import io.x3dava.annotations.ava.LabelMap;
import io.x3dava.proposals.InferenceBoxes;
import io.x3dava.annotations.command.ExitCodes;
import io.x3dava.backbone.x3d.X3DConfig;
import io.x3dava.backbone.x3d.X3DPresets;
import io.x3dava.detector.data.AvaLayout;
import io.x3dava.detector.data.AvaLayoutQuery;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Checks an AVA folder (layout, frames, keyframe windows, ground truth, proposals) before training on it. */
@Command(name = "check-ava", mixinStandardHelpOptions = true,
        description = {"Check an AVA folder before a run: videos listed vs present, frames per video vs expected,"
                + " keyframe windows with missing or undecodable frames, ground truth per class, proposals and their"
                + " recall.", "Exit 0: fine, 1: problems found, 2: unreadable input."})
public final class CheckAvaCommand implements Callable<Integer> {

    @Option(names = "--ava", description = "AVA folder (PySlowFast, MMAction2 or cut-clip layout, detected)")
    Path ava;

    @Option(names = "--frames-dir", description = "folder of the frame folders or cut clips, where the layout differs")
    Path framesDir;

    @Option(names = "--frame-template", description = "frame file names under --frames-dir, e.g. {vid}/img_%%05d.jpg")
    String frameTemplate;

    @Option(names = "--annotations", description = "folder of the annotation CSVs and label maps")
    Path annotations;

    @Option(names = "--train-proposals", description = "training person boxes: SlowFast CSV or MMAction2 .pkl")
    Path trainProposals;

    @Option(names = "--val-proposals", description = "validation person boxes: SlowFast CSV or MMAction2 .pkl")
    Path valProposals;

    @Option(names = "--offset", description = "movie second at which videos and frame folders start (AVA: 900)")
    Double offset;

    @Option(names = "--ava-version", description = "annotation version in file names (default: the one found)")
    String version;

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
        if (ava == null && annotations == null) {
            throw new IllegalArgumentException("give --ava folder (or --annotations with --frames-dir)");
        }
        AvaLayout layout = AvaLayout.detect(AvaLayoutQuery.at(ava).withFramesDir(framesDir)
                .withFrameTemplate(frameTemplate).withAnnotations(annotations).withTrainProposals(trainProposals)
                .withValProposals(valProposals).withVersion(version).withOffsetSeconds(offset));
        System.out.print(layout.describe());
        System.out.println();
        if (!Files.isRegularFile(layout.labelMap()) && !Files.isRegularFile(layout.fullLabelMap())
                && !Files.isRegularFile(layout.trainGt()) && !Files.isRegularFile(layout.valGt())) {
            // nothing to check: not a data set with problems but no data set (unreadable input)
            throw new IllegalArgumentException((ava != null ? ava : annotations) + ": no AVA label map and no "
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
