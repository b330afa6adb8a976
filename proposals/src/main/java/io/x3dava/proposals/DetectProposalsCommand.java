package io.x3dava.proposals;

import ai.djl.nn.Block;
import io.x3dava.backbone.cluster.ClusterOptions;
import io.x3dava.backbone.cluster.KeyframeTaskOptions;
import io.x3dava.backbone.video.VideoFiles;
import io.x3dava.proposals.cluster.ProposalClusterDetection;
import io.x3dava.proposals.detect.DetectorSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * Runs a person detector (built-in HOG, a DJL zoo model, a YOLO or torchvision TorchScript file, see
 * {@link DetectorSpec}; or {@code --model} with explicit torchvision-convention options) on the AVA keyframes of
 * every video in a folder and writes the boxes as a SlowFast proposals CSV
 * ({@code video_id,timestamp,x1,y1,x2,y2,,score}), atomically. All boxes with score >= the floor are
 * written; the inference threshold (0.8) is applied when the file is read ({@link SlowFastProposals#read}).
 *
 * <p>Keyframe second t is frame round((t - offset) * fps) of the video: AVA's cut clips (and SlowFast's frame folders
 * extracted from them) start at second 900 of the movie. Keyframes past the end of a video are skipped and counted.
 */
@Command(name = "detect-proposals", mixinStandardHelpOptions = true,
        description = "Person boxes on AVA keyframes (built-in HOG, a DJL zoo model or a TorchScript detector),"
                + " written as a SlowFast proposals CSV.")
public final class DetectProposalsCommand implements Callable<Integer> {

    @Option(names = "--videos", description = "folder of AVA cut clips <video_id>.mp4 (mkv, webm, avi, mov)")
    Path videos;
    @Option(names = "--frames", description = "folder of SlowFast frame folders <video_id>/<video_id>_000001.jpg")
    Path frames;
    @Option(names = "--keyframes", defaultValue = "902-1798", description = "keyframe seconds FIRST-LAST, 1 Hz")
    String keyframes;
    @Option(names = "--offset", defaultValue = "900", description = "movie second at which the clips start")
    double offset;
    @Option(names = "--detector", description = "person detector: " + DetectorSpec.HELP + "; default hog unless"
            + " --model is given")
    String detector;
    @Option(names = "--torchvision-lib", paramLabel = "FILE",
            description = "torchvision's native library (built for libtorch 2.7.1) for scripted torchvision detectors")
    Path torchvisionLib;
    @Option(names = "--model", description = "TorchScript detector (.pt), torchvision convention, with the"
            + " --person-class / --input-size / --tensor-input options below")
    Path model;
    @Option(names = "--person-class", defaultValue = "1", description = "label id of 'person' (COCO/torchvision: 1)")
    long personClass;
    @Option(names = "--threshold", defaultValue = "0.0",
            description = "score floor for writing (default all; inference keeps >= 0.8 when reading)")
    double threshold;
    @Option(names = "--input-size", description = "resize keyframes to WIDTHxHEIGHT for the model (default: native)")
    String inputSize;
    @Option(names = "--tensor-input", description = "pass a plain tensor instead of torchvision's List[Tensor]")
    boolean tensorInput;
    @Option(names = "--out", required = true, description = "output CSV")
    Path out;

    @picocli.CommandLine.Mixin
    ClusterOptions cluster = new ClusterOptions();

    @picocli.CommandLine.Mixin
    KeyframeTaskOptions tasks = new KeyframeTaskOptions();

    /** Tests substitute a DJL block stored as .params for the TorchScript file. */
    Block testBlock;
    String testModelName;

    @Override
    public Integer call() throws Exception {
        if ((videos == null) == (frames == null)) {
            throw new CommandLine.ParameterException(new CommandLine(this), "give exactly one of --videos and --frames");
        }
        if (model != null && detector != null) {
            throw new CommandLine.ParameterException(new CommandLine(this), "give --model or --detector, not both");
        }
        cluster.check();
        tasks.taskKeyframes();
        io.x3dava.annotations.command.OutputPaths.requireFile(out);
        KeyframeRange range = KeyframeRange.parse(keyframes);
        List<Path> inputs = listInputs(videos != null ? videos : frames, videos != null);
        List<PersonBox> boxes = new ArrayList<>();
        int skipped = 0;
        long t0 = System.nanoTime();
        if (cluster.given()) {
            // Spark's executors open the detector; one task per video and range of keyframes
            ProposalClusterDetection.Boxes r = ProposalClusterDetection.run(cluster.settings("x3d-ava detect-proposals"),
                    tasks.taskKeyframes(), settings(), inputs, range, offset);
            boxes.addAll(r.boxes());
            skipped = r.skipped();
        } else {
            try (KeyframeDetector d = testBlock != null ? testDetector() : settings().open()) {
                for (Path input : inputs) {
                    skipped += d.detectVideo(input, range, offset, boxes);
                }
            }
        }
        SlowFastProposals.write(out, ProposalSet.of(boxes));
        System.out.printf(Locale.ROOT, "%d person boxes on %d videos (%d keyframes past the end skipped) in %.1f s -> %s%n",
                boxes.size(), inputs.size(), skipped, (System.nanoTime() - t0) / 1e9, out);
        return 0;
    }

    /** The detector the options name, as an executor can open it too. */
    private PersonDetectorSettings settings() {
        int[] wh = model != null ? inputSize() : new int[2];
        return new PersonDetectorSettings(model != null ? model.toAbsolutePath().toString() : null, detector,
                torchvisionLib != null ? torchvisionLib.toAbsolutePath().toString() : null, wh[0], wh[1],
                personClass, threshold, tensorInput);
    }

    /** The tests' DJL block in place of the TorchScript file. */
    private KeyframeDetector testDetector() throws IOException {
        return KeyframeDetector.of(PersonDetector.load(model, testModelName, testBlock, translator()));
    }

    private PersonBoxTranslator translator() {
        int[] wh = inputSize();
        return new PersonBoxTranslator(wh[0], wh[1], personClass, threshold, !tensorInput);
    }

    /** --input-size as {width, height}; {0, 0}: native. */
    private int[] inputSize() {
        if (inputSize == null) {
            return new int[2];
        }
        String[] wh = inputSize.toLowerCase(Locale.ROOT).split("x");
        try {
            return new int[] {Integer.parseInt(wh[0].trim()), Integer.parseInt(wh[1].trim())};
        } catch (RuntimeException e) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--input-size '" + inputSize + "': expected WIDTHxHEIGHT, e.g. 800x600");
        }
    }

    /** Video files or frame folders, sorted by name so that the output is reproducible. */
    private static List<Path> listInputs(Path dir, boolean videoFiles) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + ": not a folder");
        }
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> found = s.filter(p -> videoFiles ? VideoFiles.isVideo(p)
                    : Files.isDirectory(p)).sorted().toList();
            if (found.isEmpty()) {
                throw new IOException(dir + ": no " + (videoFiles ? "video files" : "frame folders") + " found");
            }
            return found;
        }
    }

}
