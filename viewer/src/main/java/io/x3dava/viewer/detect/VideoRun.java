package io.x3dava.viewer.detect;

import io.x3dava.annotations.ava.LabelMap;
import io.x3dava.detector.video.ActionModel;
import io.x3dava.detector.video.Prediction;
import io.x3dava.detector.video.RunFolder;
import io.x3dava.detector.video.StreamFrame;
import io.x3dava.detector.video.StreamSettings;
import io.x3dava.detector.video.VideoActionDetector;
import io.x3dava.detector.video.VideoDetectionSettings;
import io.x3dava.detector.video.VideoOutputs;
import io.x3dava.detector.video.VideoStream;
import io.x3dava.proposals.detect.FramePersonDetector;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One source of detect-video into its own fresh folder ({@link RunFolder}): outputs written while the video runs
 * ({@link VideoOutputs}, {@link AnnotatedVideo}), and however the run ends (the end of the source, a dropped stream, a
 * stop request, a full disk) every output closed, run.json saying how it ended, and one line saying what was written.
 */
final class VideoRun {
    /** How a run ended. */
    enum Ending {
        FINISHED, STOPPED, DROPPED, FAILED;

        String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The outcome: where, how it ended and why. */
    record Outcome(Path dir, Ending ending, String reason, long frames) {
    }

    /** Everything a run needs besides its source. */
    record Setup(FramePersonDetector persons, ActionModel actions, VideoDetectionSettings settings,
                 StreamSettings stream, LabelMap labels, List<Integer> reportedIds, double threshold, int topK,
                 boolean writeVideo, StopSignals stop, PrintStream out, PrintStream err) {
    }

    private final Setup setup;

    VideoRun(Setup setup) {
        this.setup = setup;
    }

    /** Opens {@code source} and runs it into {@code dir}; bad input (an unreadable source) throws before any file. */
    Outcome run(String source, String videoId, Path dir) throws IOException {
        return run(source, videoId, dir, dir);
    }

    /**
     * As {@link #run(String, String, Path)}, writing into {@code dir} (a cluster task's attempt folder) while the
     * lines printed and the outcome name {@code shownAs}, where the folder is put when the run ends.
     */
    Outcome run(String source, String videoId, Path dir, Path shownAs) throws IOException {
        PrintStream out = setup.out();
        try (VideoStream stream = VideoStream.open(source, setup.err(), setup.stream(), setup.stop())) {
            out.printf(Locale.ROOT, "%s: %dx%d, %.2f fps%s, predicting at %.2f Hz%n", source, stream.width(),
                    stream.height(), stream.fps(), stream.frameCount() > 0 ? ", " + stream.frameCount() + " frames"
                            : "", setup.settings().rate());
            if (setup.stop().getAsBoolean()) {
                // stopped while loading or connecting: the folder (and an earlier run in it) is left as it was
                String why = setup.stop().received() == null ? "stop requested" : setup.stop().received().name();
                out.println("stopped by " + why + " before the first frame; nothing written");
                return new Outcome(shownAs, Ending.STOPPED, why, 0);
            }
            RunFolder folder = RunFolder.prepare(dir, source, videoId, out);
            return run(stream, videoId, folder, shownAs);
        }
    }

    private Outcome run(VideoStream stream, String videoId, RunFolder folder, Path shownAs) throws IOException {
        Path dir = folder.dir();
        VideoActionDetector detector = new VideoActionDetector(setup.persons(), setup.actions(), setup.settings(),
                setup.err());
        VideoActionDetector.Result r = null;
        IOException failure = null;
        List<String> files = new ArrayList<>();
        VideoSink sink = new VideoSink(setup.err());
        try (VideoOutputs outputs = VideoOutputs.create(dir, videoId, stream.fps(), setup.settings().rate(),
                setup.reportedIds())) {
            files.addAll(List.of(VideoOutputs.ACTIONS, VideoOutputs.KEYFRAME_ACTIONS, VideoOutputs.TRACK_ACTIONS,
                    VideoOutputs.TRACKS));
            try {
                if (setup.writeVideo()) {
                    sink.video = new AnnotatedVideo(dir.resolve("annotated.mp4"), stream.width(), stream.height(),
                            stream.fps(), setup.labels(), setup.threshold(), setup.topK());
                }
                r = detector.run(stream, videoId, sink, outputs::prediction, setup.stop());
            } catch (IOException e) {
                failure = e;
            }
            // whatever happened, the rows taken so far go to the files, and the video gets its last fragment
            try {
                outputs.finish();
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
            if (sink.finishVideo()) {
                files.add(0, "annotated.mp4");
            }
            Ending ending;
            String reason;
            if (failure != null) {
                ending = Ending.FAILED;
                reason = failure.getMessage();
            } else if (r.stopped()) {
                ending = Ending.STOPPED;
                reason = setup.stop().received() == null ? "stop requested" : setup.stop().received().name();
            } else if (r.dropped()) {
                ending = Ending.DROPPED;
                reason = r.dropReason();
            } else if (sink.frames == 0) {
                ending = Ending.FAILED;
                reason = stream.source() + ": no decodable video frame";
            } else {
                ending = Ending.FINISHED;
                reason = null;
            }
            if (sink.videoError != null && ending != Ending.FAILED) {
                reason = (reason == null ? "" : reason + "; ") + sink.videoError;
            }
            try {
                folder.write(ending.word(), reason, sink.frames, sink.lastSeconds, outputs.predictions(),
                        outputs.rows(), files, stream.gaps());
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
            report(r, outputs, sink, ending, reason, shownAs, files, stream);
            if (failure != null) {
                throw failure;
            }
            if (ending == Ending.FAILED) {
                throw new IOException(reason);
            }
            return new Outcome(shownAs, ending, reason, sink.frames);
        }
    }

    private void report(VideoActionDetector.Result r, VideoOutputs outputs, VideoSink sink, Ending ending,
                        String reason, Path dir, List<String> files, VideoStream stream) {
        PrintStream out = setup.out();
        if (r != null) {
            long boxes = r.tracks().stream().mapToLong(t -> t.boxes().size()).sum();
            out.printf(Locale.ROOT, "%s: %d frames in %.1f s (%.1f frames/s; person detection %.1f s, actions"
                            + " %.1f s), %d predictions, %d person boxes in %d tracks, %d action rows%s%n",
                    r.videoId(), r.frames(), r.seconds(), r.frames() / Math.max(1e-9, r.seconds()), r.personSeconds(),
                    r.actionSeconds(), r.predictionCount(), boxes, r.tracks().size(), outputs.rows(),
                    r.skippedFrames() > 0 ? " (" + r.skippedFrames() + " bad frames skipped)" : "");
        }
        String upTo = String.format(Locale.ROOT, "%d frames, video up to %.2f s", sink.frames,
                Math.max(0, sink.lastSeconds));
        switch (ending) {
            case STOPPED -> out.println("stopped by " + reason + " after " + upTo + "; the outputs hold everything"
                    + " processed");
            case DROPPED -> out.printf(Locale.ROOT, "%s: stream dropped at %.2f s (%s); the outputs hold everything"
                    + " read (%s)%n", stream.source(), Math.max(0, sink.lastSeconds), reason, upTo);
            case FAILED -> out.println("failed after " + upTo + ": " + reason + "; the outputs hold what was written"
                    + " before (run.json says failed)");
            default -> { }
        }
        out.println("wrote " + dir + "/{" + String.join(", ", files) + ", " + RunFolder.STATUS + "}");
    }

    /** Hands frames to the annotated video; a video that fails (a full disk) is closed and the run goes on without. */
    private static final class VideoSink implements VideoActionDetector.FrameSink {
        private final PrintStream err;
        private AnnotatedVideo video;
        private String videoError;
        private long frames;
        private double lastSeconds = -1;

        VideoSink(PrintStream err) {
            this.err = err;
        }

        @Override
        public void frame(StreamFrame frame, Prediction shown) {
            frames++;
            lastSeconds = frame.seconds();
            if (video == null) {
                return;
            }
            try {
                video.frame(frame, shown);
            } catch (IOException e) {
                err.printf(Locale.ROOT, "%n%s; the video stops at %.2f s (its whole fragments play), the CSVs go on%n",
                        e.getMessage(), frame.seconds());
                video.close();
                video = null;
                videoError = String.format(Locale.ROOT, "annotated.mp4 stops at %.2f s: %s", frame.seconds(),
                        e.getMessage());
            }
        }

        /** Closes the video; true when annotated.mp4 holds frames. */
        boolean finishVideo() {
            if (video == null) {
                return videoError != null;
            }
            try {
                return video.finish();
            } catch (IOException e) {
                err.println(e.getMessage());
                return video.written() > 0;
            } finally {
                video.close();
                video = null;
            }
        }
    }
}
