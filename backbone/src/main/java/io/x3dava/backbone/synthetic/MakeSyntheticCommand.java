package io.x3dava.backbone.synthetic;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Writes the generated moving-shapes data set in Kinetics and Charades formats. */
@Command(name = "make-synthetic", mixinStandardHelpOptions = true,
        description = "Generate moving-shape videos with Kinetics- and Charades-format annotations")
public final class MakeSyntheticCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, description = "output folder (kinetics/ and charades/ are created)")
    Path out;

    @Option(names = "--train-per-class", defaultValue = "40", description = "Kinetics training videos per class")
    int trainPerClass;

    @Option(names = "--val-per-class", defaultValue = "10", description = "Kinetics validation videos per class")
    int valPerClass;

    @Option(names = "--charades-train", defaultValue = "120", description = "Charades training videos")
    int charadesTrain;

    @Option(names = "--charades-test", defaultValue = "30", description = "Charades test videos")
    int charadesTest;

    @Option(names = "--size", defaultValue = "72", description = "frame width and height in pixels")
    int size;

    @Option(names = "--frames", defaultValue = "60", description = "frames per video at 30 fps")
    int frames;

    @Option(names = "--seed", defaultValue = "7")
    long seed;

    @Option(names = "--force", description = "write into a folder that is not empty (its generated videos are "
            + "replaced)")
    boolean force;

    @Override
    public Integer call() throws Exception {
        if (trainPerClass <= 0 || valPerClass <= 0 || charadesTrain <= 0 || charadesTest <= 0 || size < 16
                || frames <= 0) {
            throw new IllegalArgumentException("expected --train-per-class, --val-per-class, --charades-train, "
                    + "--charades-test and --frames > 0 and --size >= 16");
        }
        OutputFolder.requireEmpty(out, force);
        // Videos already on disk are reused by the generators; with --force they may come from other settings.
        OutputFolder.deleteTree(out.resolve("kinetics").resolve("videos"));
        OutputFolder.deleteTree(out.resolve("charades").resolve("videos"));
        var k = SyntheticClassification.writeKinetics(out.resolve("kinetics"), trainPerClass, valPerClass, size, frames,
                seed);
        System.out.println("Kinetics format: " + k.root() + " (train.csv, validate.csv, classes.txt, videos/)");
        var c = SyntheticClassification.writeCharades(out.resolve("charades"), charadesTrain, charadesTest, size,
                frames, seed + 1);
        System.out.println("Charades format: " + c.root() + " (Charades_v1_{train,test,classes}, videos/)");
        return 0;
    }

}
