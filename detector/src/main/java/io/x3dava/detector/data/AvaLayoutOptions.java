package io.x3dava.detector.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import picocli.CommandLine.Option;

/**
 * Where the AVA data is, as the commands that read it (train-ava, detect-ava, check-ava) take it: the folder as
 * PySlowFast or MMAction2 lay it out, and the options for where a user's layout differs.
 */
public final class AvaLayoutOptions {

    @Option(names = "--ava", description = "AVA folder as PySlowFast (frames/, frame_lists/, annotations/) or"
            + " MMAction2 (rawframes/, annotations/) leave it, or with the cut clips (videos_15min/ or videos/);"
            + " the layout is detected and printed")
    public Path ava;

    @Option(names = "--frames-dir", description = "folder of the frame folders or cut clips, where the layout differs")
    public Path framesDir;

    @Option(names = "--frame-template", description = "frame file names under --frames-dir, e.g. {vid}/img_%%05d.jpg"
            + " (default: read from frame_lists/ or the first folder); numbers start at 1 = the offset second")
    public String frameTemplate;

    @Option(names = "--annotations", description = "folder of the annotation CSVs and label maps (default:"
            + " <ava>/annotations, else <ava>)")
    public Path annotations;

    @Option(names = "--train-proposals", description = "training person boxes: SlowFast CSV or MMAction2 .pkl")
    public Path trainProposals;

    @Option(names = "--val-proposals", description = "validation person boxes: SlowFast CSV or MMAction2 .pkl")
    public Path valProposals;

    @Option(names = "--offset", description = "movie second at which videos and frame folders start (AVA: 900)")
    public Double offset;

    @Option(names = "--ava-version", description = "annotation version in file names, 2.1 or 2.2 (default: the one"
            + " found, else 2.2)")
    public String version;

    /** Whether a data folder was given (--ava or --annotations). */
    public boolean given() {
        return ava != null || annotations != null;
    }

    /** The folder the user named, for messages. */
    public Path folder() {
        return ava != null ? ava : annotations;
    }

    /** The layout found in the given folder, with the options' overrides (each given path checked first). */
    public AvaLayout detect() throws IOException {
        if (framesDir != null && (!Files.isDirectory(framesDir) || isEmpty(framesDir))) {
            throw new IllegalArgumentException("--frames-dir " + framesDir + ": " + (Files.isDirectory(framesDir)
                    ? "empty" : Files.exists(framesDir) ? "a file" : "not found")
                    + "; expected the folder of the frame folders or cut clips");
        }
        requireProposalFile("--train-proposals", trainProposals);
        requireProposalFile("--val-proposals", valProposals);
        return AvaLayout.detect(AvaLayoutQuery.at(ava).withFramesDir(framesDir).withFrameTemplate(frameTemplate)
                .withAnnotations(annotations).withTrainProposals(trainProposals).withValProposals(valProposals)
                .withVersion(version).withOffsetSeconds(offset));
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    /** A given proposals file must be a file: the layout would otherwise report it as absent and go on without it. */
    private static void requireProposalFile(String option, Path file) {
        if (file != null && !Files.isRegularFile(file)) {
            throw new IllegalArgumentException(option + " " + file + ": " + (Files.isDirectory(file) ? "a folder"
                    : "not found") + "; expected a person-box file (SlowFast CSV or MMAction2 .pkl)");
        }
    }
}
