package io.x3dava.viewer.detect;

import io.x3dava.annotations.ava.LabelMap;
import io.x3dava.annotations.command.ExitCodeException;
import io.x3dava.annotations.command.ExitCodes;
import io.x3dava.annotations.command.UserErrors;
import io.x3dava.backbone.cluster.ClusterOptions;
import io.x3dava.detector.model.DetectorCheckpoint;
import io.x3dava.detector.video.RunFolder;
import io.x3dava.detector.video.StreamSettings;
import io.x3dava.detector.video.VideoDetectionSettings;
import io.x3dava.detector.video.VideoOutputs;
import io.x3dava.proposals.detect.DetectorSpec;
import io.x3dava.viewer.ViewerApp;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

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
                "With --master (a folder or list), each video is one task on Apache Spark; --out must be a folder"
                        + " every executor can write (shared storage).",
                "Exit codes: 0 done (also a stream that dropped), 1 some videos of a folder or list failed, 2 bad"
                        + " input, 130/143 stopped by SIGINT/SIGTERM."})
public final class DetectVideoCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "INPUT",
            description = "video file, folder of video files, list file of video paths (.txt: one per line, relative"
                    + " to the list's folder), stream URL (rtsp://, http://) or camera (/dev/video0)")
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

    @Option(names = "--skip-finished", description = "a folder or list run again: skip the videos whose"
            + " OUT/<video id>/run.json says finished (what a stopped run had done); the others run afresh")
    boolean skipFinished;

    @Mixin
    ClusterOptions cluster = new ClusterOptions();

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
        cluster.check();
        DetectorSpec.parse(detector);
        VideoJob job = new VideoJob(detector, personThreshold, text(torchvisionLib), download, text(checkpoint),
                text(labelMap), VideoDetectionSettings.defaults().withRate(rate).withMaxSeconds(duration == null
                ? Double.POSITIVE_INFINITY : duration).withMaxLagSeconds(maxLag), StreamSettings.defaults()
                .withTimeoutSeconds(streamTimeout).withReconnect(reconnect), threshold, topK, !noVideo);
        VideoSources sources = VideoSources.of(input, id);
        if (cluster.given() && sources.kind() == VideoSources.Kind.STREAM) {
            throw new IllegalArgumentException("--master: " + input + " is a stream or camera, which runs in this"
                    + " process; a cluster takes a folder or a list file of videos");
        }
        List<VideoTask> todo = new ArrayList<>();
        int skipped = 0;
        for (int i = 0; i < sources.sources().size(); i++) {
            String videoId = sources.ids().get(i);
            if (skipFinished && RunFolder.finished(out.resolve(videoId))) {
                stdout.println(videoId + ": finished by an earlier run (" + out.resolve(videoId).resolve(RunFolder.STATUS)
                        + "); skipped");
                skipped++;
            } else {
                todo.add(new VideoTask(sources.sources().get(i), videoId));
            }
        }
        Tally tally = new Tally(sources.sources().size(), skipped);
        StopSignals stop = cluster.given() ? null : StopSignals.install(stderr);
        try {
            if (todo.isEmpty()) {
                stdout.println("nothing to run: every video finished before (--skip-finished)");
            } else if (cluster.given()) {
                runOnCluster(job, sources, todo, tally);
            } else {
                runHere(job, sources, todo, tally, stop);
            }
        } finally {
            if (stop != null) {
                stop.close();
            }
        }
        if (sources.kind().many()) {
            int notRun = tally.total - tally.done - tally.failed.size() - tally.skipped;
            stdout.printf(Locale.ROOT, "%d videos: %d done, %d failed%s%s%s%n", tally.total, tally.done,
                    tally.failed.size(), tally.failed.isEmpty() ? "" : " (" + String.join(", ", tally.failed) + ")",
                    tally.skipped > 0 ? ", " + tally.skipped + " skipped (finished before)" : "",
                    notRun > 0 ? ", " + notRun + " not run (stopped)" : "");
        }
        if (stop != null && stop.received() != null) {
            return stop.received().exitCode();
        }
        if (!tally.failed.isEmpty()) {
            return ExitCodes.FAILURE;
        }
        if (view && tally.last != null) {
            List<String> args = new ArrayList<>(List.of(tally.lastSource, "-d",
                    tally.last.resolve(VideoOutputs.KEYFRAME_ACTIONS).toString()));
            if (tally.labelMap != null) {
                args.addAll(List.of("-l", tally.labelMap.toString()));
            }
            return new CommandLine(new ViewerApp()).execute(args.toArray(String[]::new));
        }
        return 0;
    }

    /** What the videos of this run came to. */
    private static final class Tally {
        final int total;
        final int skipped;
        final List<String> failed = new ArrayList<>();
        int done;
        Path last;
        String lastSource;
        Path labelMap;

        Tally(int total, int skipped) {
            this.total = total;
            this.skipped = skipped;
        }
    }

    /** The videos one after the other in this process; Ctrl-C stops after the current frame. */
    private void runHere(VideoJob job, VideoSources sources, List<VideoTask> todo, Tally tally, StopSignals stop)
            throws IOException {
        try (VideoModels models = VideoModels.open(job, stdout)) {
            tally.labelMap = models.labelMapFile();
            VideoRun run = new VideoRun(models.setup(job, stop, stdout, stderr));
            for (VideoTask task : todo) {
                if (stop.getAsBoolean()) {
                    break;
                }
                try {
                    VideoRun.Outcome o = run.run(task.source(), task.videoId(), out.resolve(task.videoId()));
                    if (o.ending() != VideoRun.Ending.STOPPED) {
                        printView(task.source(), o.dir(), tally.labelMap);
                    }
                    tally.last = o.dir();
                    tally.lastSource = task.source();
                    tally.done++;
                } catch (IOException | IllegalArgumentException e) {
                    if (!sources.kind().many()) {
                        throw e;
                    }
                    // one bad video does not stop a folder: said in one line, counted, and the next one runs
                    stderr.println("detect-video: " + UserErrors.message(e) + " (skipped)");
                    tally.failed.add(Path.of(task.source()).getFileName().toString());
                }
            }
        }
    }

    /**
     * One task per video on the cluster; this JVM checks what it can read before the job starts, then prints what
     * each task printed, in the videos' order.
     */
    private void runOnCluster(VideoJob job, VideoSources sources, List<VideoTask> todo, Tally tally)
            throws IOException {
        if (torchvisionLib != null && !Files.isRegularFile(torchvisionLib)) {
            throw new IOException(torchvisionLib + ": no such file (expected torchvision's native library)");
        }
        tally.labelMap = labelMap;
        if (labelMap != null) {
            LabelMap.read(labelMap);
        }
        stdout.println("person detector: " + detector + " (opened by each executor)");
        if (checkpoint != null) {
            DetectorCheckpoint ckpt = DetectorCheckpoint.read(checkpoint);
            if (labelMap == null) {
                tally.labelMap = ckpt.labelMapFile();
            }
            stdout.println(VideoModels.describe(checkpoint, ckpt.config()));
        }
        List<VideoTask> tasks = todo.stream().map(t -> new VideoTask(Path.of(t.source()).toAbsolutePath().normalize()
                .toString(), t.videoId())).toList();
        stdout.printf(Locale.ROOT, "detect-video on Spark (--master %s): %d video%s, one task each, into %s%n",
                cluster.settings("x3d-ava detect-video").master(), tasks.size(), tasks.size() == 1 ? "" : "s", out);
        List<VideoTaskResult> results;
        try {
            results = VideoCluster.run(cluster.settings("x3d-ava detect-video"), job.withAbsolutePaths(), tasks, out,
                    stdout);
        } catch (ExitCodeException e) {
            if (e.exitCode() == ExitCodes.STOPPED) { // the engine's code for a job stopped by a signal
                throw new ExitCodeException(e.exitCode(), "stopped (SIGINT or SIGTERM): the Spark job was cancelled;"
                        + " the videos finished are in " + out + ", run the same command with --skip-finished for the"
                        + " others");
            }
            throw e;
        }
        for (int i = 0; i < results.size(); i++) {
            VideoTaskResult r = results.get(i);
            String source = todo.get(i).source();
            Path dir = out.resolve(todo.get(i).videoId());
            stdout.print(r.log());
            if (r.failure() != null) {
                if (!sources.kind().many()) {
                    throw new IOException(r.failure());
                }
                stderr.println("detect-video: " + r.failure() + " (skipped)");
                tally.failed.add(Path.of(source).getFileName().toString());
            } else {
                printView(source, dir, tally.labelMap);
                tally.last = dir;
                tally.lastSource = source;
                tally.done++;
            }
        }
    }

    private void printView(String source, Path dir, Path labels) {
        stdout.println("view: scripts/x3d-ava view " + source + " -d " + dir.resolve(VideoOutputs.KEYFRAME_ACTIONS)
                + (labels != null ? " -l " + labels : ""));
    }

    private static String text(Path p) {
        return p == null ? null : p.toString();
    }

}
