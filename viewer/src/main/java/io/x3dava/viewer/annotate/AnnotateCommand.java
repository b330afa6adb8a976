package io.x3dava.viewer.annotate;

import io.x3dava.annotations.ava.AvaCsv;
import io.x3dava.annotations.ava.AvaDetectionRow;
import io.x3dava.annotations.ava.AvaProposalRow;
import io.x3dava.annotations.ava.LabelMap;
import io.x3dava.annotations.command.OutputPaths;
import io.x3dava.detector.cvat.KeyframeDetections;
import io.x3dava.backbone.video.VideoFiles;
import io.x3dava.proposals.detect.DetectorSpec;
import io.x3dava.proposals.detect.PersonDetectors;
import io.x3dava.proposals.track.TracksJson;
import io.x3dava.viewer.FrameCursor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import javafx.application.Application;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code x3d-ava annotate}: label people's actions at keyframes in a window, saved to an AVA ground-truth CSV at every
 * change. Every input is read and checked before the window opens, so bad input ends with one line and exit 2.
 */
@Command(name = "annotate", mixinStandardHelpOptions = true,
        description = {"Label people's actions at keyframes of a video (or of every video in a folder) in a window; "
                + "every change is saved at once to the --gt CSV (AVA format, seconds from the video start unless "
                + "--offset), and reopening continues where the file stands.",
                "Mouse: drag on the frame draws a box, drag a box moves it, drag a corner of the selected box resizes "
                + "it. Keys: 1-9 tick the first nine actions (the search field finds the others), Delete removes the "
                + "box, C copies the previous keyframe's actions to the same person ids, Enter accepts the keyframe "
                + "and goes to the next unlabelled one, Left/Right step, Ctrl+Z undoes, Tab selects the next box."})
public final class AnnotateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "VIDEO", description = "a video file, or a folder of videos (annotated one "
            + "after the other)")
    Path input;

    @Option(names = "--labelmap", required = true, description = "label map (.pbtxt) of your actions")
    Path labelMap;

    @Option(names = "--gt", required = true, description = "ground-truth CSV to write (and to continue from)")
    Path gt;

    @Option(names = "--boxes", description = "pre-filled person boxes: detect-video's tracks.json (track id = person "
            + "id), a folder of detect-video's outputs (<folder>/<video>/tracks.json), or a proposals CSV "
            + "(SlowFast format); default: the --detector on each keyframe")
    Path boxes;

    @Option(names = "--detector", defaultValue = "hog", description = "person detector when --boxes is not given: "
            + DetectorSpec.HELP + ", or none")
    String detector;

    @Option(names = "--box-threshold", defaultValue = "0.5", description = "lowest score of a pre-filled box "
            + "(proposals CSV and detector)")
    double boxThreshold;

    @Option(names = "--detections", description = "a trained model's detections (detect-video's "
            + "actions_keyframes.csv, or a folder <folder>/<video>/actions_keyframes.csv): pre-tick their actions")
    Path detections;

    @Option(names = "--threshold", defaultValue = "0.5", description = "lowest score of a pre-ticked action")
    double threshold;

    @Option(names = "--keyframe-step", defaultValue = "1", description = "seconds between keyframes")
    int keyframeStep;

    @Option(names = "--offset", defaultValue = "0", description = "CSV timestamp of a video's start (900 for AVA cut "
            + "clips)")
    int offset;

    @Option(names = "--video-id", description = "video id in the CSV (default: the file name without extension; one "
            + "video only)")
    String videoId;

    @Override
    public Integer call() throws Exception {
        AnnotateStart start = prepare();
        String display = System.getenv("DISPLAY");
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")
                && (display == null || display.isBlank()) && System.getenv("WAYLAND_DISPLAY") == null) {
            throw new IllegalArgumentException("no display: annotate opens a window (run it on a desktop, over ssh -X, "
                    + "or under xvfb-run)");
        }
        AnnotateFxApplication.startWith(start);
        Application.launch(AnnotateFxApplication.class);
        return 0;
    }

    /** Reads and checks every input; the factory then opens each video's session from what was read. */
    AnnotateStart prepare() throws IOException {
        if (keyframeStep < 1) {
            throw new IllegalArgumentException("--keyframe-step must be at least 1 second, got " + keyframeStep);
        }
        for (var t : new Object[][] {{"--threshold", threshold}, {"--box-threshold", boxThreshold}}) {
            if (!((Double) t[1] >= 0 && (Double) t[1] <= 1)) {
                throw new IllegalArgumentException(t[0] + " must be in [0, 1], got " + t[1]);
            }
        }
        OutputPaths.requireFile(gt);
        LabelMap map = LabelMap.read(labelMap);
        List<Path> videos = videos(input);
        if (videoId != null && videos.size() > 1) {
            throw new IllegalArgumentException("--video-id names one video; " + input + " holds " + videos.size());
        }
        if (Files.isRegularFile(gt)) {
            AvaCsv.readGroundTruth(gt); // a malformed file is reported now, not in the window
        }
        List<AvaProposalRow> proposals = boxes != null && Files.isRegularFile(boxes) && isCsv(boxes)
                ? AvaCsv.readProposals(boxes) : null;
        TracksJson.Document tracks = boxes != null && Files.isRegularFile(boxes) && !isCsv(boxes)
                ? TracksJson.read(boxes) : null;
        if (boxes != null && !Files.exists(boxes)) {
            throw new java.nio.file.NoSuchFileException(boxes.toString(), null, "no such file or directory");
        }
        List<AvaDetectionRow> dets = detections != null && Files.isRegularFile(detections)
                ? KeyframeDetections.read(detections) : null;
        if (detections != null && !Files.exists(detections)) {
            throw new java.nio.file.NoSuchFileException(detections.toString(), null, "no such file or directory");
        }
        if (boxes != null && Files.isDirectory(boxes)) {
            requireOutputFor(videos, boxes, "tracks.json", "--boxes", TracksJson::read);
        }
        if (detections != null && Files.isDirectory(detections)) {
            requireOutputFor(videos, detections, "actions_keyframes.csv", "--detections", KeyframeDetections::read);
        }
        DetectorSpec spec = boxes == null && !detector.equalsIgnoreCase("none") ? DetectorSpec.parse(detector) : null;
        for (Path v : videos) {
            try (FrameCursor c = FrameCursor.open(v)) {
                if (c.duration() <= keyframeStep) {
                    throw new IllegalArgumentException(v + ": " + String.format(Locale.ROOT, "%.2f", c.duration())
                            + " s long, no keyframe at " + keyframeStep + " s");
                }
            }
        }
        return new AnnotateStart(videos, video -> {
            FrameCursor cursor = FrameCursor.open(video);
            String id = videoId != null ? videoId : VideoFiles.videoId(video);
            List<Integer> keyframes = new ArrayList<>();
            for (int t = keyframeStep; Math.round(t * cursor.frameRate()) < cursor.clock().frameCount();
                 t += keyframeStep) {
                keyframes.add(t);
            }
            AnnotationSession session = new AnnotationSession(id, keyframes, map, gt, offset);
            BoxSuggestions s;
            if (proposals != null) {
                s = new ProposalSuggestions(proposals, id, offset, boxThreshold);
            } else if (tracks != null) {
                s = new TrackSuggestions(tracks);
            } else if (boxes != null) {
                Path f = boxes.resolve(id).resolve("tracks.json");
                s = Files.isRegularFile(f) ? new TrackSuggestions(TracksJson.read(f)) : BoxSuggestions.none();
            } else {
                s = spec == null ? BoxSuggestions.none()
                        : new DetectorSuggestions(PersonDetectors.open(spec, boxThreshold), boxThreshold);
            }
            List<AvaDetectionRow> d = dets;
            if (d == null && detections != null) {
                Path f = detections.resolve(id).resolve("actions_keyframes.csv");
                d = Files.isRegularFile(f) ? KeyframeDetections.read(f) : List.of();
            }
            if (d != null) {
                s = new ActionPreTicks(s, d, id, offset, threshold);
            }
            return new AnnotateStart.AnnotateWindowParts(session, s, cursor);
        });
    }

    /** Reads one per-video output file (to report a malformed one before the window opens). */
    private interface OutputReader {
        Object read(Path file) throws IOException;
    }

    /**
     * A folder of detect-video's outputs must hold {@code <video>/file} for some video: otherwise it is the wrong folder,
     * and the window would open with nothing pre-filled. Each file found is read now, so that a malformed one is bad
     * input here rather than an error in the window.
     */
    private void requireOutputFor(List<Path> videos, Path folder, String file, String option, OutputReader reader)
            throws IOException {
        List<String> ids = videos.stream().map(v -> videoId != null ? videoId : VideoFiles.videoId(v)).toList();
        boolean any = false;
        for (String id : ids) {
            Path f = folder.resolve(id).resolve(file);
            if (Files.isRegularFile(f)) {
                reader.read(f);
                any = true;
            }
        }
        if (!any) {
            throw new IllegalArgumentException(option + " " + folder + ": no <video>/" + file + " for "
                    + (ids.size() == 1 ? ids.get(0) : "any of the " + ids.size() + " videos")
                    + " (expected a folder of detect-video's outputs)");
        }
    }

    private static boolean isCsv(Path p) {
        return p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
    }

    private static List<Path> videos(Path input) throws IOException {
        if (!Files.exists(input)) {
            throw new java.nio.file.NoSuchFileException(input.toString(), null, "video file or folder not found");
        }
        return Files.isDirectory(input) ? VideoFiles.in(input) : List.of(input);
    }
}
