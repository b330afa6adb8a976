package io.x3dava.proposals;

import ai.djl.nn.Block;
import io.x3dava.annotations.ava.AvaTime;
import io.x3dava.annotations.ava.Keyframe;
import io.x3dava.backbone.video.DecodedClip;
import io.x3dava.backbone.video.FrameSource;
import io.x3dava.backbone.video.FrameSources;
import io.x3dava.proposals.detect.DetectorSpec;
import io.x3dava.proposals.detect.FrameImages;
import io.x3dava.proposals.detect.FramePersonDetector;
import io.x3dava.proposals.detect.PersonDetectors;
import io.x3dava.proposals.detect.TorchvisionOps;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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
    private static final Set<String> VIDEO_EXTENSIONS = Set.of("mp4", "mkv", "webm", "avi", "mov");

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
        io.x3dava.annotations.command.OutputPaths.requireFile(out);
        KeyframeRange range = KeyframeRange.parse(keyframes);
        List<Path> inputs = listInputs(videos != null ? videos : frames, videos != null);
        List<PersonBox> boxes = new ArrayList<>();
        int skipped = 0;
        long t0 = System.nanoTime();
        if (model != null) {
            PersonBoxTranslator translator = translator();
            try (PersonDetector d = testBlock != null
                    ? PersonDetector.load(model, testModelName, testBlock, translator)
                    : PersonDetector.load(model, translator)) {
                for (Path input : inputs) {
                    skipped += detectVideo((k, frame) -> d.detect(k, PersonDetector.toImage(frame, 0)), input, range,
                            boxes);
                }
            }
        } else {
            DetectorSpec spec = detector == null ? DetectorSpec.hog() : DetectorSpec.parse(detector);
            if (torchvisionLib != null) {
                TorchvisionOps.load(torchvisionLib);
            }
            try (FramePersonDetector d = PersonDetectors.open(spec, threshold)) {
                for (Path input : inputs) {
                    skipped += detectVideo((k, frame) -> d.detect(FrameImages.bgr(frame, 0)).stream()
                            .map(h -> new PersonBox(k, h.box(), h.score())).toList(), input, range, boxes);
                }
            }
        }
        SlowFastProposals.write(out, ProposalSet.of(boxes));
        System.out.printf(Locale.ROOT, "%d person boxes on %d videos (%d keyframes past the end skipped) in %.1f s -> %s%n",
                boxes.size(), inputs.size(), skipped, (System.nanoTime() - t0) / 1e9, out);
        return 0;
    }

    private PersonBoxTranslator translator() {
        int w = 0;
        int h = 0;
        if (inputSize != null) {
            String[] wh = inputSize.toLowerCase(Locale.ROOT).split("x");
            try {
                w = Integer.parseInt(wh[0].trim());
                h = Integer.parseInt(wh[1].trim());
            } catch (RuntimeException e) {
                throw new CommandLine.ParameterException(new CommandLine(this),
                        "--input-size '" + inputSize + "': expected WIDTHxHEIGHT, e.g. 800x600");
            }
        }
        return new PersonBoxTranslator(w, h, personClass, threshold, !tensorInput);
    }

    /** Video files or frame folders, sorted by name so that the output is reproducible. */
    private static List<Path> listInputs(Path dir, boolean videoFiles) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + ": not a folder");
        }
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> found = s.filter(p -> videoFiles ? Files.isRegularFile(p) && VIDEO_EXTENSIONS.contains(extension(p))
                    : Files.isDirectory(p)).sorted().toList();
            if (found.isEmpty()) {
                throw new IOException(dir + ": no " + (videoFiles ? "video files" : "frame folders") + " found");
            }
            return found;
        }
    }

    /** Person boxes of one decoded keyframe. */
    @FunctionalInterface
    private interface KeyframeDetector {
        List<PersonBox> detect(Keyframe keyframe, DecodedClip frame) throws IOException;
    }

    /** Detects on every keyframe of one video; returns the number of keyframes past its end. */
    private int detectVideo(KeyframeDetector detector, Path input, KeyframeRange range, List<PersonBox> sink)
            throws IOException {
        String videoId = videoId(input);
        int skipped = 0;
        try (FrameSource src = FrameSources.open(input)) {
            AvaTime time = new AvaTime(offset, src.fps());
            for (int t = range.first(); t <= range.last(); t++) {
                long index = time.frameIndex(t);
                if (index < 0 || index >= src.frameCount()) {
                    skipped++;
                    continue;
                }
                DecodedClip frame = src.read(new long[] {index}, 0);
                sink.addAll(detector.detect(new Keyframe(videoId, t), frame));
            }
        }
        return skipped;
    }

    private static String videoId(Path input) {
        String name = input.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return Files.isRegularFile(input) && dot > 0 ? name.substring(0, dot) : name;
    }

    private static String extension(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

}
