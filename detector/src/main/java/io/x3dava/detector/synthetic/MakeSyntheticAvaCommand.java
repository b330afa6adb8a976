package io.x3dava.detector.synthetic;

import io.x3dava.detector.data.AvaLayoutKind;

import io.x3dava.backbone.synthetic.OutputFolder;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Writes the AVA-format part of the generated data set. */
@Command(name = "make-synthetic-ava", mixinStandardHelpOptions = true,
        description = "Generate moving-actor videos with AVA-format ground truth, label map, exclusions and proposals")
public final class MakeSyntheticAvaCommand implements Callable<Integer> {

    @Option(names = "--out", required = true)
    Path out;

    @Option(names = "--train-videos", defaultValue = "24")
    int trainVideos;

    @Option(names = "--val-videos", defaultValue = "8")
    int valVideos;

    @Option(names = "--actors", defaultValue = "2", description = "actors per video")
    int actors;

    @Option(names = "--keyframes", defaultValue = "5", description = "keyframes per video (from second 902)")
    int keyframes;

    @Option(names = "--size", defaultValue = "96", description = "frame width and height")
    int size;

    @Option(names = "--seed", defaultValue = "11")
    long seed;

    @Option(names = "--layout", description = "also lay it out as real AVA is: PYSLOWFAST, MMACTION2 or CUT_CLIPS"
            + " (default: the flat layout with videos/)")
    AvaLayoutKind layout;

    @Option(names = "--force", description = "write into a folder that is not empty (files of the same name are "
            + "replaced)")
    boolean force;

    @Override
    public Integer call() throws Exception {
        if (trainVideos <= 0 || valVideos <= 0 || actors <= 0 || keyframes <= 0 || size < 16) {
            throw new IllegalArgumentException("expected positive --train-videos, --val-videos, --actors, --keyframes "
                    + "and --size >= 16");
        }
        OutputFolder.requireEmpty(out, force);
        if (layout != null) {
            SyntheticAvaLayouts.write(out, layout, trainVideos, valVideos, actors, keyframes, size, seed);
            System.out.println("AVA format, " + layout.label() + " layout: " + out);
            return 0;
        }
        OutputFolder.deleteTree(SyntheticAva.Layout.at(out).videos()); // --force: no video of an older set is left
        SyntheticAva.Layout l = SyntheticAva.write(out, trainVideos, valVideos, actors, keyframes, size, seed);
        System.out.println("AVA format: " + l.root());
        return 0;
    }

}
