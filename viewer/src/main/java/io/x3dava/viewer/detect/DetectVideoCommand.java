package io.x3dava.viewer.detect;

import io.x3dava.annotations.ava.LabelMap;
import io.x3dava.annotations.command.ExitCodes;
import io.x3dava.annotations.command.UserErrors;
import io.x3dava.detector.video.ActionModel;
import io.x3dava.detector.video.StreamSettings;
import io.x3dava.detector.video.VideoDetectionSettings;
import io.x3dava.detector.video.VideoOutputs;
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
                "Writes actions.csv, actions_keyframes.csv, track_actions.csv, tracks.json, annotated.mp4 and"
                        + " run.json into OUT/<video id>/ while the video runs (an earlier run there is moved aside);"
                        + " Ctrl-C stops after the current frame with every output valid.",
                "Exit codes: 0 done (also a stream that dropped), 1 some videos of a folder failed, 2 bad input,"
                        + " 130/143 stopped by SIGINT/SIGTERM."})
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

    @Option(names = "--stream-timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "longest wait for data from a source (opening, the first key frame, every read) before it"
                    + " counts as dead")
    double streamTimeout;

    @Option(names = "--max-lag", paramLabel = "SECONDS", defaultValue = "3",
            description = "live sources: frames arriving further behind the live stream are read but not processed,"
                    + " so that a machine slower than the stream keeps up")
    double maxLag;

    @Option(names = "--reconnect", description = "reopen a live source that ends or goes silent (back-off 1 s to"
            + " 30 s; each gap is logged and listed in run.json) instead of ending the run")
    boolean reconnect;

    @Option(names = "--id", description = "output subfolder and video id (default: the file name without extension;"
            + " for a stream host_port_path, e.g. 127.0.0.1_23000)")
    String id;

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
        if (!(personThreshold >= 0 && personThreshold <= 1)) {
            // every detector's score is a probability; a value outside would keep every box or none
            throw new IllegalArgumentException("--person-threshold must be in [0, 1], got " + personThreshold);
        }
        DetectorSpec spec = DetectorSpec.parse(detector);
        VideoDetectionSettings settings = VideoDetectionSettings.defaults().withRate(rate)
                .withMaxSeconds(duration == null ? Double.POSITIVE_INFINITY : duration).withMaxLagSeconds(maxLag);
        StreamSettings streamSettings = StreamSettings.defaults().withTimeoutSeconds(streamTimeout)
                .withReconnect(reconnect);
        List<String> sources = sources(input);
        boolean folder = !isStream(input) && Files.isDirectory(Path.of(input));
        if (id != null && (folder || !id.matches("[A-Za-z0-9_.-]+") || id.startsWith("."))) {
            throw new IllegalArgumentException("--id " + id + ": expected letters, digits, '_', '.', '-' (not starting"
                    + " with '.') and a single video, not a folder");
        }
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
        List<String> failed = new ArrayList<>();
        int done = 0;
        StopSignals stop = StopSignals.install(stderr);
        try (stop; FramePersonDetector persons = PersonDetectors.open(spec, personThreshold)) {
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
            VideoRun run = new VideoRun(new VideoRun.Setup(persons, actions, settings, streamSettings, labels, ids,
                    threshold, topK, !noVideo, stop, stdout, stderr));
            for (String source : sources) {
                if (stop.getAsBoolean()) {
                    break;
                }
                String videoId = id != null ? id : videoId(source);
                try {
                    VideoRun.Outcome o = run.run(source, videoId, out.resolve(videoId));
                    if (o.ending() != VideoRun.Ending.STOPPED) {
                        stdout.println("view: scripts/x3d-ava view " + source + " -d "
                                + o.dir().resolve(VideoOutputs.KEYFRAME_ACTIONS) + (labelMap != null ? " -l "
                                + labelMap : ""));
                    }
                    last = o.dir();
                    lastSource = source;
                    done++;
                } catch (IOException | IllegalArgumentException e) {
                    if (!folder) {
                        throw e;
                    }
                    // one bad video does not stop a folder: said in one line, counted, and the next one runs
                    stderr.println("detect-video: " + UserErrors.message(e) + " (skipped)");
                    failed.add(Path.of(source).getFileName().toString());
                }
            }
        } finally {
            if (actions != null) {
                actions.close();
            }
        }
        if (folder) {
            int notRun = sources.size() - done - failed.size();
            stdout.printf(Locale.ROOT, "%d videos: %d done, %d failed%s%s%n", sources.size(), done, failed.size(),
                    failed.isEmpty() ? "" : " (" + String.join(", ", failed) + ")",
                    notRun > 0 ? ", " + notRun + " not run (stopped)" : "");
        }
        if (stop.received() != null) {
            return stop.received().exitCode();
        }
        if (!failed.isEmpty()) {
            return ExitCodes.FAILURE;
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

    /**
     * The file name without extension; for a stream URL its host, port and path (udp://127.0.0.1:23000 gives
     * 127.0.0.1_23000, rtsp://cam:8554/live/main gives cam_8554_live_main), so that two streams differ.
     */
    static String videoId(String source) {
        String s = source;
        int q = s.indexOf('?');
        if (q >= 0) {
            s = s.substring(0, q);
        }
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        String name;
        if (isStream(s)) {
            String rest = s.substring(s.indexOf("://") + 3);
            int at = rest.lastIndexOf('@', rest.indexOf('/') < 0 ? rest.length() : rest.indexOf('/'));
            rest = at >= 0 ? rest.substring(at + 1) : rest; // never user:password in a folder name
            int dot = rest.lastIndexOf('.');
            if (dot > rest.lastIndexOf('/') && rest.lastIndexOf('/') >= 0) {
                rest = rest.substring(0, dot); // http://host/clip.mp4: without the extension
            }
            name = rest.replace(':', '_').replace('/', '_');
        } else {
            name = s.substring(s.lastIndexOf('/') + 1);
            int dot = name.lastIndexOf('.');
            name = dot > 0 ? name.substring(0, dot) : name;
        }
        name = name.replaceAll("[^A-Za-z0-9_.-]", "_").replaceAll("^\\.+", "");
        return name.isEmpty() ? "stream" : name;
    }

    private static boolean isStream(String source) {
        return source.contains("://");
    }

    private static String extension(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
