package io.x3dava.detector.run;

import io.x3dava.annotations.ava.LabelMap;
import io.x3dava.backbone.train.ScheduleConfig;
import io.x3dava.backbone.x3d.X3DConfig;
import io.x3dava.backbone.x3d.X3DPresets;
import io.x3dava.detector.data.AvaLayout;
import io.x3dava.detector.data.AvaLayoutQuery;
import io.x3dava.detector.data.AvaVideos;
import io.x3dava.detector.model.DetectorConfig;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * Options shared by train-ava and detect-ava: an AVA folder as PySlowFast or MMAction2 prepare it (or the cut clips),
 * or a recipe JSON; with {@code --config}, every option given on the command line overrides the file.
 */
public final class AvaOptions {

    /** The command these options are mixed into: tells which options were given. */
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--config", description = "AVA recipe JSON (AvaRecipe, e.g. a run's recipe.json); options given"
            + " on the command line override it")
    Path config;

    @Option(names = "--ava", description = "AVA folder as PySlowFast (frames/, frame_lists/, annotations/) or"
            + " MMAction2 (rawframes/, annotations/) leave it, or with the cut clips (videos_15min/ or videos/);"
            + " the layout is detected and printed")
    Path ava;

    @Option(names = "--frames-dir", description = "folder of the frame folders or cut clips, where the layout differs")
    Path framesDir;

    @Option(names = "--frame-template", description = "frame file names under --frames-dir, e.g. {vid}/img_%%05d.jpg"
            + " (default: read from frame_lists/ or the first folder); numbers start at 1 = the offset second")
    String frameTemplate;

    @Option(names = "--annotations", description = "folder of the annotation CSVs and label maps (default:"
            + " <ava>/annotations, else <ava>)")
    Path annotations;

    @Option(names = "--train-proposals", description = "training person boxes: SlowFast CSV or MMAction2 .pkl")
    Path trainProposals;

    @Option(names = "--val-proposals", description = "validation person boxes: SlowFast CSV or MMAction2 .pkl")
    Path valProposals;

    @Option(names = "--offset", description = "movie second at which videos and frame folders start (AVA: 900)")
    Double offset;

    @Option(names = "--ava-version", description = "annotation version in file names, 2.1 or 2.2 (default: the one"
            + " found, else 2.2)")
    String version;

    @Option(names = "--preset", defaultValue = "XS", description = "X3D backbone preset (XS, S, M, L, XL)")
    String preset;

    @Option(names = "--frames", description = "frames per clip (default: the preset's)")
    Integer frames;

    @Option(names = "--rate", description = "sampling rate (default: the preset's)")
    Integer rate;

    @Option(names = "--crop", description = "training crop (default: the preset's); test size = 128/112 of it")
    Integer crop;

    @Option(names = "--test-size", description = "test short side and center crop")
    Integer testSize;

    @Option(names = "--features", defaultValue = "res5", description = "res5 (paper) or conv5")
    String features;

    @Option(names = "--epochs", defaultValue = "20", description = "training epochs")
    int epochs;

    @Option(names = "--batch", defaultValue = "16", description = "clips per step")
    int batch;

    @Option(names = "--lr", description = "base learning rate (default 0.1 per 64 clips)")
    Double lr;

    @Option(names = "--workers", description = "decoding threads (default: processors)")
    Integer workers;

    @Option(names = "--threshold", defaultValue = "0.8", description = "proposal score threshold at inference")
    double threshold;

    public AvaRecipe recipe() throws IOException {
        return recipe(System.out);
    }

    /** The recipe of the options (printing the detected layout to {@code log}). */
    public AvaRecipe recipe(PrintStream log) throws IOException {
        if (config == null) {
            if (ava == null && annotations == null) {
                throw new IllegalArgumentException("give --ava folder or --config recipe.json");
            }
            AvaLayout layout = layout();
            log.print(layout.describe());
            return fresh(layout);
        }
        AvaRecipe r = AvaRecipe.read(config);
        Path configLabels = r.labelMap();
        if (given("--ava") || given("--annotations")) {
            AvaLayout layout = layout();
            log.print(layout.describe());
            r = withData(r, layout.videos(), layout.labelMap(), layout.trainGt(), layout.trainProposals(),
                    layout.valGt(), layout.valProposals(), layout.valExcluded());
        } else {
            AvaVideos videos = AvaVideos.of(r.videos(), r.offsetSeconds());
            if (given("--frames-dir") || given("--frame-template") || given("--offset")) {
                Path root = given("--frames-dir") ? framesDir : videos.root();
                Path path = given("--frame-template") ? root.resolve(frameTemplate)
                        : given("--frames-dir") ? root : videos.path();
                videos = AvaVideos.of(path, given("--offset") ? offset : r.offsetSeconds());
            }
            r = withData(r, videos, r.labelMap(), r.trainGt(),
                    given("--train-proposals") ? trainProposals : r.trainProposals(), r.valGt(),
                    given("--val-proposals") ? valProposals : r.valProposals(), r.valExcluded());
        }
        return withTraining(r, !r.labelMap().equals(configLabels));
    }

    private AvaLayout layout() throws IOException {
        return AvaLayout.detect(AvaLayoutQuery.at(ava).withFramesDir(framesDir).withFrameTemplate(frameTemplate)
                .withAnnotations(annotations).withTrainProposals(trainProposals).withValProposals(valProposals)
                .withVersion(version).withOffsetSeconds(offset));
    }

    /** A recipe from the layout and the options (defaults where not given). */
    private AvaRecipe fresh(AvaLayout l) throws IOException {
        // One output per action id up to the largest in the label map: 80 for AVA v2.1/v2.2 (ids 1..80).
        int numClasses = LabelMap.read(l.labelMap()).maxId();
        X3DConfig b = X3DPresets.get(preset);
        b = b.withClip(frames != null ? frames : b.numFrames(), rate != null ? rate : b.samplingRate(),
                crop != null ? crop : b.trainCrop());
        DetectorConfig d = DetectorConfig.paper(b, numClasses).withFeatures(features);
        if (testSize != null) {
            d = d.withCrops(d.trainCrop(), testSize);
        }
        return new AvaRecipe(d, l.videos().path(), l.videos().time().offsetSeconds(), l.labelMap(), l.trainGt(),
                l.trainProposals(), l.valGt(), l.valProposals(), l.valExcluded(), batch, schedule(batch, epochs),
                AvaRecipe.defaultSgd(), workers != null ? workers : Runtime.getRuntime().availableProcessors(), 0,
                threshold);
    }

    /** The paper's schedule for a batch size and length, with --lr as base rate when given. */
    private ScheduleConfig schedule(int batchSize, int epochCount) {
        ScheduleConfig s = AvaRecipe.defaultSchedule(batchSize, epochCount);
        if (lr != null) {
            s = new ScheduleConfig(s.policy(), lr, s.maxEpoch(), s.warmupEpochs(), lr / 800.0, 0, s.steps(),
                    s.relativeLrs());
        }
        return s;
    }

    /** The network and training options given on the command line, over a recipe read from --config. */
    private AvaRecipe withTraining(AvaRecipe r, boolean newLabelMap) throws IOException {
        DetectorConfig d = r.detector();
        if (given("--preset") || given("--frames") || given("--rate") || given("--crop")) {
            X3DConfig b = given("--preset") ? X3DPresets.get(preset) : d.backbone();
            b = b.withClip(frames != null ? frames : b.numFrames(), rate != null ? rate : b.samplingRate(),
                    crop != null ? crop : given("--preset") ? b.trainCrop() : d.trainCrop());
            DetectorConfig p = DetectorConfig.paper(b, d.numClasses()).withFeatures(d.features());
            d = given("--crop") || given("--preset") ? p : p.withCrops(d.trainCrop(), d.testSize());
        }
        if (newLabelMap) {
            d = new DetectorConfig(d.backbone(), LabelMap.read(r.labelMap()).maxId(), d.features(), d.roi(),
                    d.dropout(), d.trainCrop(), d.testSize());
        }
        if (given("--features")) {
            d = d.withFeatures(features);
        }
        if (given("--test-size")) {
            d = d.withCrops(d.trainCrop(), testSize);
        }
        int b = given("--batch") ? batch : r.batchSize();
        ScheduleConfig s = given("--batch") || given("--epochs") || given("--lr")
                ? schedule(b, given("--epochs") ? epochs : r.epochs()) : r.schedule();
        return new AvaRecipe(d, r.videos(), r.offsetSeconds(), r.labelMap(), r.trainGt(), r.trainProposals(),
                r.valGt(), r.valProposals(), r.valExcluded(), b, s, r.sgd(),
                given("--workers") ? workers : r.workers(), r.seed(),
                given("--threshold") ? threshold : r.proposalThreshold());
    }

    private static AvaRecipe withData(AvaRecipe r, AvaVideos videos, Path labelMap, Path trainGt, Path trainProposals,
                                      Path valGt, Path valProposals, Path valExcluded) {
        return new AvaRecipe(r.detector(), videos.path(), videos.time().offsetSeconds(), labelMap, trainGt,
                trainProposals, valGt, valProposals, valExcluded, r.batchSize(), r.schedule(), r.sgd(), r.workers(),
                r.seed(), r.proposalThreshold());
    }

    /** Whether an option was given on the command line (every set option counts when not parsed by picocli). */
    private boolean given(String name) {
        ParseResult parsed = command == null || command.commandLine() == null ? null
                : command.commandLine().getParseResult();
        if (parsed != null) {
            return parsed.hasMatchedOption(name);
        }
        return switch (name) {
            case "--ava" -> ava != null;
            case "--annotations" -> annotations != null;
            case "--frames-dir" -> framesDir != null;
            case "--frame-template" -> frameTemplate != null;
            case "--offset" -> offset != null;
            case "--train-proposals" -> trainProposals != null;
            case "--val-proposals" -> valProposals != null;
            case "--frames" -> frames != null;
            case "--rate" -> rate != null;
            case "--crop" -> crop != null;
            case "--test-size" -> testSize != null;
            case "--lr" -> lr != null;
            case "--workers" -> workers != null;
            default -> false;
        };
    }
}
