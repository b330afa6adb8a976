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

    /** What a run produced. */
    public record Result(String videoId, double fps, double rate, List<Prediction> predictions,
                         List<IouTracker.Track> tracks, long frames, int skippedFrames, boolean dropped,
                         double seconds, double personSeconds, double actionSeconds) {
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

    public Result run(VideoStream stream, String videoId, FrameSink sink) throws IOException {
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
        List<Prediction> done = new ArrayList<>();
        long total = stream.frameCount() > 0 ? Math.min(stream.frameCount(),
                (long) Math.min(Long.MAX_VALUE / 2, Math.ceil(settings.maxSeconds() * fps))) : -1;
        ProgressLine progress = new ProgressLine(err, videoId, total);
        long frames = 0;
        long k = 0;
        boolean detected = false;
        double[] timers = new double[2];
        int[] shownIndex = {-1};
        long t0 = System.nanoTime();
        StreamFrame f;
        while ((f = stream.next()) != null) {
            if (f.seconds() >= settings.maxSeconds() - 1e-9) {
                break;
            }
            frames++;
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
            complete(pending, done, clips, fps, f.index(), timers);
            emit(delayed, pending, done, shownIndex, rate, sink);
            progress.update(frames, tracker.tracks().size());
        }
        complete(pending, done, clips, fps, Long.MAX_VALUE, timers);
        emit(delayed, pending, done, shownIndex, rate, sink);
        progress.finish(frames, tracker.tracks().size());
        return new Result(videoId, fps, rate, done, tracker.tracks(), frames, stream.skippedFrames(),
                stream.dropped(), (System.nanoTime() - t0) / 1e9, timers[0], timers[1]);
    }

    /** Scores every pending prediction whose clip is complete (all of them at the end of the stream). */
    private void complete(ArrayDeque<Pending> pending, List<Prediction> done, ClipBuffer clips, double fps,
                          long lastIndex, double[] timers) {
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
            done.add(new Prediction(p.frameIndex(), p.seconds(), people));
        }
    }

    /** Hands out frames up to the first unfinished prediction, each with the latest prediction at or before it. */
    private static void emit(ArrayDeque<StreamFrame> delayed, ArrayDeque<Pending> pending, List<Prediction> done,
                             int[] shownIndex, double rate, FrameSink sink) throws IOException {
        while (!delayed.isEmpty() && (pending.isEmpty() || delayed.peek().seconds() < pending.peek().seconds() - 1e-9)) {
            StreamFrame f = delayed.poll();
            while (shownIndex[0] + 1 < done.size() && done.get(shownIndex[0] + 1).seconds() <= f.seconds() + 1e-9) {
                shownIndex[0]++;
            }
            Prediction shown = shownIndex[0] < 0 ? null : done.get(shownIndex[0]);
            // a prediction is held until the next one; after a gap (skipped frames) the boxes disappear
            if (shown != null && f.seconds() - shown.seconds() > 1.5 / rate) {
                shown = null;
            }
            sink.frame(f, shown);
        }
    }
}
