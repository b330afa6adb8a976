package io.x3dava.viewer.detect;

import io.x3dava.annotations.ava.LabelMap;
import io.x3dava.detector.video.ActionModel;
import io.x3dava.detector.video.VideoActionDetector;
import io.x3dava.detector.video.VideoDetectionSettings;
import io.x3dava.detector.video.VideoOutputs;
import io.x3dava.detector.video.VideoStream;
import io.x3dava.proposals.detect.DetectorSpec;
import io.x3dava.proposals.detect.FramePersonDetector;
import io.x3dava.proposals.detect.PersonDetectors;
import io.x3dava.proposals.detect.TorchvisionOps;
import io.x3dava.viewer.ViewerApp;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * {@code x3d-ava detect-video}: a video in, people found and tracked, their actions written and drawn on the video
 * out (MMAction2's demo_spatiotemporal_det.py in one command). Without a checkpoint it still finds and tracks people.
 */
@Command(name = "detect-video", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Find people in a video (file, folder of videos, rtsp:// or http:// stream, /dev/video0), track"
                + " them and, with --checkpoint, detect their AVA actions several times per second.",
                "Writes actions.csv, actions_keyframes.csv, track_actions.csv, tracks.json and annotated.mp4 into"
                        + " OUT/<video id>/."})
public final class DetectVideoCommand implements Callable<Integer> {
    private static final Set<String> VIDEO_EXTENSIONS = Set.of("mp4", "mkv", "webm", "avi", "mov", "m4v", "mpg",
            "mpeg", "ts");

    @Parameters(index = "0", paramLabel = "INPUT",
            description = "video file, folder of video files, stream URL (rtsp://, http://) or camera (/dev/video0)")
    String input;

    @Option(names = "--checkpoint", description = "trained AVA detector checkpoint folder (epoch_NNNN, e.g. from"
            + " scripts/demo: runs/demo/ava/checkpoints/epoch_0008); without it only people and tracks are found")
    Path checkpoint;

    @Option(names = "--detector", defaultValue = "hog", description = "person detector: " + DetectorSpec.HELP)
    String detector;

    @Option(names = "--torchvision-lib", paramLabel = "FILE",
            description = "torchvision's native library (libtorchvision.so built for libtorch 2.7.1) for scripted"
                    + " torchvision detectors")
    Path torchvisionLib;

    @Option(names = "--download", description = "let DJL download a zoo: detector not in its cache yet"
            + " (scripts/x3d-ava runs DJL offline)")
    boolean download;

    @Option(names = "--rate", defaultValue = "4",
            description = "predictions per second (AVA annotates 1 per second; 4 follows motion between keyframes)")
    double rate;

    @Option(names = "--out", defaultValue = "runs/detect-video",
            description = "output folder (one subfolder per video)")
    Path out;

    @Option(names = "--labelmap", description = "label map .pbtxt: action names and the actions written"
            + " (default: the checkpoint's own labelmap.pbtxt; 'action N' for a checkpoint without one)")
    Path labelMap;

    @Option(names = "--person-threshold", defaultValue = "0.5",
            description = "minimum person score (HOG: logistic of the SVM margin, 0.5 = its decision boundary)")
    double personThreshold;

    @Option(names = "--threshold", defaultValue = "0.3",
            description = "minimum action score drawn on the video")
    double threshold;

    @Option(names = "--top-k", defaultValue = "3", description = "actions drawn per person")
    int topK;

    @Option(names = "--duration", paramLabel = "SECONDS",
            description = "stop after this many seconds of video (live sources otherwise run until stopped)")
    Double duration;

    @Option(names = "--no-video", description = "do not write annotated.mp4")
    boolean noVideo;

    @Option(names = "--view", description = "open the viewer on the (last) result")
    boolean view;

    PrintStream stdout = System.out;
    PrintStream stderr = System.err;

    @Override
    public Integer call() throws Exception {
        if (topK < 1) {
            throw new IllegalArgumentException("--top-k must be >= 1, got " + topK);
        }
        DetectorSpec spec = DetectorSpec.parse(detector);
        VideoDetectionSettings settings = VideoDetectionSettings.defaults().withRate(rate)
                .withMaxSeconds(duration == null ? Double.POSITIVE_INFINITY : duration);
        List<String> sources = sources(input);
        LabelMap labels = labelMap == null ? null : LabelMap.read(labelMap);
        if (download) {
            System.setProperty("ai.djl.offline", "false");
        }
        if (torchvisionLib != null) {
            TorchvisionOps.load(torchvisionLib);
        }
        ActionModel actions = null;
        Path last = null;
        String lastSource = null;
        try (FramePersonDetector persons = PersonDetectors.open(spec, personThreshold)) {
            stdout.println("person detector: " + persons.description());
            if (checkpoint != null) {
                actions = ActionModel.load(checkpoint);
                if (labels == null && actions.checkpoint().labels() != null) {
                    // the checkpoint's own class names; the printed view command and --view read the same file
                    labels = actions.checkpoint().labels();
                    labelMap = actions.checkpoint().labelMapFile();
                }
                stdout.printf(Locale.ROOT, "action detector: %s (%s, %d classes, clip %dx%d)%n", checkpoint,
                        actions.config().backbone().name(), actions.config().numClasses(),
                        actions.config().backbone().numFrames(), actions.config().backbone().samplingRate());
            } else {
                stdout.println("no --checkpoint: finding and tracking people only; actions need a trained AVA"
                        + " detector (train-ava, or scripts/demo then --checkpoint runs/demo/ava/checkpoints/epoch_NNNN)");
            }
            List<Integer> ids = reportedIds(labels, actions);
            for (String source : sources) {
                last = runOne(source, persons, actions, settings, labels, ids);
                lastSource = source;
            }
        } finally {
            if (actions != null) {
                actions.close();
            }
        }
        if (view && last != null) {
            List<String> args = new ArrayList<>(List.of(lastSource, "-d",
                    last.resolve(VideoOutputs.KEYFRAME_ACTIONS).toString()));
            if (labelMap != null) {
                args.addAll(List.of("-l", labelMap.toString()));
            }
            return new CommandLine(new ViewerApp()).execute(args.toArray(String[]::new));
        }
        return 0;
    }

    private Path runOne(String source, FramePersonDetector persons, ActionModel actions,
                        VideoDetectionSettings settings, LabelMap labels, List<Integer> ids) throws IOException {
        String videoId = videoId(source);
        Path dir = out.resolve(videoId);
        try (VideoStream stream = VideoStream.open(source, stderr)) {
            stdout.printf(Locale.ROOT, "%s: %dx%d, %.2f fps%s, predicting at %.2f Hz%n", source, stream.width(),
                    stream.height(), stream.fps(), stream.frameCount() > 0 ? ", " + stream.frameCount() + " frames"
                            : "", settings.rate());
            VideoActionDetector run = new VideoActionDetector(persons, actions, settings, stderr);
            VideoActionDetector.Result r;
            if (noVideo) {
                r = run.run(stream, videoId, (f, p) -> { });
            } else {
                try (AnnotatedVideo video = new AnnotatedVideo(dir.resolve("annotated.mp4"), stream.width(),
                        stream.height(), stream.fps(), labels, threshold, topK)) {
                    r = run.run(stream, videoId, video);
                    if (r.frames() > 0) {
                        video.finish();
                    }
                }
            }
            if (r.frames() == 0) {
                throw new IOException(source + ": no decodable video frame");
            }
            long rows = VideoOutputs.write(dir, r, ids);
            long boxes = r.tracks().stream().mapToLong(t -> t.boxes().size()).sum();
            stdout.printf(Locale.ROOT, "%s: %d frames in %.1f s (%.1f frames/s; person detection %.1f s, actions"
                            + " %.1f s), %d predictions, %d person boxes in %d tracks, %d action rows%s%n", videoId,
                    r.frames(), r.seconds(), r.frames() / r.seconds(), r.personSeconds(), r.actionSeconds(),
                    r.predictions().size(), boxes, r.tracks().size(), rows,
                    r.skippedFrames() > 0 || r.dropped() ? " (" + r.skippedFrames() + " bad frames skipped"
                            + (r.dropped() ? ", stream dropped" : "") + ")" : "");
            stdout.println("wrote " + dir + "/{" + (noVideo ? "" : "annotated.mp4, ") + VideoOutputs.ACTIONS + ", "
                    + VideoOutputs.KEYFRAME_ACTIONS + ", " + VideoOutputs.TRACK_ACTIONS + ", " + VideoOutputs.TRACKS
                    + "}");
            stdout.println("view: scripts/x3d-ava view " + source + " -d " + dir.resolve(VideoOutputs.KEYFRAME_ACTIONS)
                    + (labelMap != null ? " -l " + labelMap : ""));
            return dir;
        }
    }

    private static List<Integer> reportedIds(LabelMap labels, ActionModel actions) {
        if (labels != null) {
            return labels.ids();
        }
        int n = actions == null ? 0 : actions.config().numClasses();
        return IntStream.rangeClosed(1, n).boxed().toList();
    }

    /** A folder: its video files, sorted; anything else as given. */
    static List<String> sources(String input) throws IOException {
        Path p = Path.of(input.contains("://") ? "." : input);
        if (!input.contains("://") && Files.isDirectory(p)) {
            try (Stream<Path> s = Files.list(p)) {
                List<String> found = s.filter(f -> Files.isRegularFile(f) && VIDEO_EXTENSIONS.contains(extension(f)))
                        .sorted().map(Path::toString).toList();
                if (found.isEmpty()) {
                    throw new IOException(input + ": no video files in this folder (expected " + VIDEO_EXTENSIONS
                            + ")");
                }
                return found;
            }
        }
        if (!input.contains("://") && !input.startsWith("/dev/") && !Files.isRegularFile(p)) {
            throw new IOException(input + ": no such video file (expected a video file, a folder of them, a stream"
                    + " URL such as rtsp://... or a camera such as /dev/video0)");
        }
        return List.of(input);
    }

    /** The file name without extension; for streams, the last path segment or the host. */
    static String videoId(String source) {
        String s = source;
        int q = s.indexOf('?');
        if (q >= 0) {
            s = s.substring(0, q);
        }
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        String name = s.substring(s.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        name = dot > 0 ? name.substring(0, dot) : name;
        name = name.replaceAll("[^A-Za-z0-9_.-]", "_");
        return name.isEmpty() ? "stream" : name;
    }

    private static String extension(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
