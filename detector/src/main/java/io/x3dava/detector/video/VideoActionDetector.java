package io.x3dava.detector.video;

import io.x3dava.annotations.ava.AvaBox;
import io.x3dava.proposals.detect.FramePersonDetector;
import io.x3dava.proposals.detect.PersonHit;
import io.x3dava.proposals.track.IouTracker;
import io.x3dava.proposals.track.TrackedBox;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * Actions on a video in one pass, MMAction2's demo_spatiotemporal_det.py on the JVM: at every prediction time (the
 * frame nearest each multiple of 1/rate s) the person detector finds people, the IoU tracker gives each one
 * its id, and, when an action model is given, the AVA detector scores the clip centred on that frame for every person
 * as soon as the clip's last frame has been decoded. Frames are handed to a {@link FrameSink} in order, each with the
 * latest finished prediction at or before it, delayed only as long as the clip needs (half its span), so live sources
 * work and memory stays flat.
 */
public final class VideoActionDetector {

    /** Receives every frame in order with the prediction to show on it (null before the first one). */
    @FunctionalInterface
    public interface FrameSink {
        void frame(StreamFrame frame, Prediction shown) throws IOException;
    }

    /**
     * Receives every finished prediction in time order, with the tracker (whose tracks the receiver copies only
     * when it needs them), as soon as it is scored: the outputs are written from here while the video runs.
     */
    @FunctionalInterface
    public interface PredictionSink {
        void prediction(Prediction p, IouTracker tracker) throws IOException;
    }

    /**
     * What a run produced.
     *
     * @param predictions every prediction when the run kept them ({@link #run(VideoStream, String, FrameSink)}), else
     *                    empty (they went to a {@link PredictionSink})
     * @param predictionCount predictions made
     * @param stopped whether the run ended on a stop request rather than at the end of the source
     */
    public record Result(String videoId, double fps, double rate, List<Prediction> predictions, long predictionCount,
                         List<IouTracker.Track> tracks, long frames, double lastSeconds, int skippedFrames,
                         String dropReason, boolean stopped, double seconds, double personSeconds,
                         double actionSeconds) {
        public boolean dropped() {
            return dropReason != null;
        }
    }

    private record Pending(long frameIndex, double seconds, List<TrackedBox> people, long[] clipIndices) {
    }

    private final FramePersonDetector persons;
    private final ActionModel actions;
    private final VideoDetectionSettings settings;
    private final PrintStream err;

    /**
     * @param actions null: person boxes and tracks only
     * @param err progress and skipped-frame reports
     */
    public VideoActionDetector(FramePersonDetector persons, ActionModel actions, VideoDetectionSettings settings,
                               PrintStream err) {
        this.persons = persons;
        this.actions = actions;
        this.settings = settings;
        this.err = err;
    }

    /** Runs to the end of the stream and keeps every prediction in the result. */
    public Result run(VideoStream stream, String videoId, FrameSink sink) throws IOException {
        List<Prediction> all = new ArrayList<>();
        Result r = run(stream, videoId, sink, (p, tracks) -> all.add(p), () -> false);
        return new Result(r.videoId(), r.fps(), r.rate(), all, r.predictionCount(), r.tracks(), r.frames(),
                r.lastSeconds(), r.skippedFrames(), r.dropReason(), r.stopped(), r.seconds(), r.personSeconds(),
                r.actionSeconds());
    }

    /**
     * Runs until the stream ends or {@code stop} turns true (checked before every frame: the frame in hand is finished,
     * then every prediction whose clip can be completed is scored and handed out, and every frame read is handed to
     * {@code sink}). Predictions go to {@code predictions} and are not kept, so a stream can run for days.
     */
    public Result run(VideoStream stream, String videoId, FrameSink sink, PredictionSink predictions,
                      BooleanSupplier stop) throws IOException {
        double fps = stream.fps();
        double rate = settings.rate();
        IouTracker tracker = IouTracker.create();
        ClipBuffer clips = null;
        if (actions != null) {
            long[] probe = actions.clipIndices(fps, 1000.0);
            int span = (int) (probe[probe.length - 1] - probe[0] + 1);
            clips = new ClipBuffer(actions.decodeShortSide(), span + 2);
        }
        ArrayDeque<StreamFrame> delayed = new ArrayDeque<>();
        ArrayDeque<Pending> pending = new ArrayDeque<>();
        ArrayDeque<Prediction> done = new ArrayDeque<>();
        long[] made = {0};
        long total = stream.frameCount() > 0 ? Math.min(stream.frameCount(),
                (long) Math.min(Long.MAX_VALUE / 2, Math.ceil(settings.maxSeconds() * fps))) : -1;
        ProgressLine progress = new ProgressLine(err, videoId, total);
        long frames = 0;
        long k = 0;
        boolean detected = false;
        double[] timers = new double[2];
        Prediction[] shown = {null};
        double lastSeconds = -1;
        boolean stopped = false;
        long liveStart = Long.MIN_VALUE;
        long behind = 0;
        long t0 = System.nanoTime();
        StreamFrame f;
        while (true) {
            if (stop.getAsBoolean()) {
                stopped = true;
                break;
            }
            f = stream.next();
            if (f == null) {
                stopped = stop.getAsBoolean();
                break;
            }
            if (f.seconds() >= settings.maxSeconds() - 1e-9) {
                break;
            }
            if (stream.live()) {
                long now = System.nanoTime();
                if (liveStart == Long.MIN_VALUE) {
                    liveStart = now - (long) (f.seconds() * 1e9);
                }
                // behind the live stream by more than the bound: read, not processed (the stream does not wait)
                if ((now - liveStart) / 1e9 - f.seconds() > settings.maxLagSeconds()) {
                    behind++;
                    continue;
                }
            }
            frames++;
            lastSeconds = f.seconds();
            if (clips != null) {
                clips.add(f);
            }
            delayed.add(f);
            if (f.seconds() >= k / rate - 0.5 / fps) {
                long ts = System.nanoTime();
                List<PersonHit> hits;
                try {
                    hits = persons.detect(f.image());
                    detected = true;
                } catch (IOException e) {
                    if (!detected) {
                        throw e; // the detector cannot run at all: say so once, as bad input
                    }
                    err.printf(Locale.ROOT, "%n%s: person detection failed at %.2f s, skipped (%s)%n", videoId,
                            f.seconds(), e.getMessage());
                    hits = List.of();
                }
                timers[0] += (System.nanoTime() - ts) / 1e9;
                List<TrackedBox> people = tracker.update(f.seconds(), hits);
                pending.add(new Pending(f.index(), f.seconds(), people,
                        actions == null ? null : actions.clipIndices(fps, f.seconds())));
                while (k / rate - 0.5 / fps <= f.seconds()) {
                    k++;
                }
            }
            complete(pending, done, clips, fps, f.index(), timers, tracker, predictions, made);
            emit(delayed, pending, done, shown, rate, sink);
            progress.update(frames, tracker.trackCount(), f.seconds());
        }
        // the end, a drop or a stop: the clips of the last predictions are completed with the frames held
        complete(pending, done, clips, fps, Long.MAX_VALUE, timers, tracker, predictions, made);
        emit(delayed, pending, done, shown, rate, sink);
        progress.finish(frames, tracker.trackCount());
        if (behind > 0) {
            err.printf(Locale.ROOT, "%s: %d frames read but not processed, to keep within %.1f s of the live stream"
                    + " (--max-lag; this machine is slower than the stream at these settings)%n", videoId, behind,
                    settings.maxLagSeconds());
        }
        return new Result(videoId, fps, rate, List.of(), made[0], tracker.tracks(), frames, lastSeconds,
                stream.skippedFrames(), stream.dropReason(), stopped, (System.nanoTime() - t0) / 1e9, timers[0],
                timers[1]);
    }

    /** Scores every pending prediction whose clip is complete (all of them at the end of the stream). */
    private void complete(ArrayDeque<Pending> pending, ArrayDeque<Prediction> done, ClipBuffer clips, double fps,
                          long lastIndex, double[] timers, IouTracker tracker, PredictionSink out, long[] made)
            throws IOException {
        while (!pending.isEmpty()) {
            Pending p = pending.peek();
            if (actions != null && p.clipIndices()[p.clipIndices().length - 1] > lastIndex) {
                return;
            }
            pending.poll();
            List<PersonActions> people = new ArrayList<>();
            float[][] probs = null;
            if (actions != null && !p.people().isEmpty()) {
                long ts = System.nanoTime();
                List<AvaBox> boxes = p.people().stream().map(TrackedBox::box).toList();
                probs = actions.classify(clips.clip(p.clipIndices()), boxes);
                timers[1] += (System.nanoTime() - ts) / 1e9;
            }
            for (int i = 0; i < p.people().size(); i++) {
                people.add(new PersonActions(p.people().get(i), probs == null ? null : probs[i]));
            }
            Prediction finished = new Prediction(p.frameIndex(), p.seconds(), people);
            done.add(finished);
            made[0]++;
            out.prediction(finished, tracker);
        }
    }

    /** Hands out frames up to the first unfinished prediction, each with the latest prediction at or before it. */
    private static void emit(ArrayDeque<StreamFrame> delayed, ArrayDeque<Pending> pending,
                             ArrayDeque<Prediction> done, Prediction[] latest, double rate, FrameSink sink)
            throws IOException {
        while (!delayed.isEmpty() && (pending.isEmpty() || delayed.peek().seconds() < pending.peek().seconds() - 1e-9)) {
            StreamFrame f = delayed.poll();
            // predictions are kept only until shown: the latest one at or before the frame
            while (!done.isEmpty() && done.peek().seconds() <= f.seconds() + 1e-9) {
                latest[0] = done.poll();
            }
            Prediction shown = latest[0];
            // a prediction is held until the next one; after a gap (skipped frames) the boxes disappear
            if (shown != null && f.seconds() - shown.seconds() > 1.5 / rate) {
                shown = null;
            }
            sink.frame(f, shown);
        }
    }
}
