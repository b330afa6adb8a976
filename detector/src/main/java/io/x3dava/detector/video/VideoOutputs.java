package io.x3dava.detector.video;

import io.x3dava.annotations.AppendedTextFile;
import io.x3dava.annotations.ava.AvaBox;
import io.x3dava.proposals.track.IouTracker;
import io.x3dava.proposals.track.TrackedBox;
import io.x3dava.proposals.track.TracksJson;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The files of a detect-video run, written while the video runs so that a stopped run, a dropped stream or a full
 * disk keeps everything processed up to the last flush (every {@link #FLUSH_SECONDS} of video or of wall-clock time,
 * whichever comes first), each file valid at every moment:
 * <ul>
 *   <li>{@code actions.csv}: AVA detection rows {@code video_id,seconds,x1,y1,x2,y2,action_id,score}, seconds from
 *   the start of the video (fractional at rates above 1 Hz), one row per person and reported action;</li>
 *   <li>{@code actions_keyframes.csv}: the rows at whole seconds only, with integer timestamps: the official AVA
 *   format, which the evaluator and the viewer read;</li>
 *   <li>{@code track_actions.csv}: {@code seconds,track_id,action_id,score}, the track of every action row;</li>
 *   <li>{@code tracks.json}: the tracks ({@link TracksJson}) up to the last flushed prediction.</li>
 * </ul>
 * The CSVs grow by whole chunks of rows ({@link AppendedTextFile}); tracks.json is replaced atomically at most every
 * {@link #TRACKS_SECONDS} s (and at {@link #close}), its boxes cut at the time of the last row written.
 */
public final class VideoOutputs implements AutoCloseable {
    public static final String ACTIONS = "actions.csv";
    public static final String KEYFRAME_ACTIONS = "actions_keyframes.csv";
    public static final String TRACK_ACTIONS = "track_actions.csv";
    public static final String TRACKS = "tracks.json";
    static final String TRACK_ACTIONS_HEADER = "seconds,track_id,action_id,score\n";
    /** Rows wait at most this long (video or wall-clock seconds) before they are in the files. */
    public static final double FLUSH_SECONDS = 2.0;
    /** tracks.json is rewritten whole: at most this often. */
    public static final double TRACKS_SECONDS = 5.0;

    private final Path dir;
    private final String videoId;
    private final double fps;
    private final double rate;
    private final List<Integer> reportedIds;
    private final AppendedTextFile actions;
    private final AppendedTextFile keyframes;
    private final AppendedTextFile trackActions;
    private final StringBuilder actionsChunk = new StringBuilder();
    private final StringBuilder keyframesChunk = new StringBuilder();
    private final StringBuilder trackChunk = new StringBuilder();
    private IouTracker tracker;
    private double pendingSeconds = -1;
    private double flushedSeconds = -1;
    private double lastFlushVideo;
    private long lastFlushNanos = System.nanoTime();
    private long lastTracksNanos;
    private boolean tracksCurrent = true;
    private long rows;
    private long pendingRows;
    private long predictions;

    private VideoOutputs(Path dir, String videoId, double fps, double rate, List<Integer> reportedIds,
                         AppendedTextFile actions, AppendedTextFile keyframes, AppendedTextFile trackActions) {
        this.dir = dir;
        this.videoId = videoId;
        this.fps = fps;
        this.rate = rate;
        this.reportedIds = reportedIds;
        this.actions = actions;
        this.keyframes = keyframes;
        this.trackActions = trackActions;
    }

    /**
     * Creates the four files in {@code dir} (empty: a run stopped before its first prediction still leaves valid
     * files).
     *
     * @param reportedIds action ids written (a label map's, or every class of the detector)
     */
    public static VideoOutputs create(Path dir, String videoId, double fps, double rate, List<Integer> reportedIds)
            throws IOException {
        List<AppendedTextFile> open = new ArrayList<>();
        try {
            open.add(AppendedTextFile.create(dir.resolve(ACTIONS), ""));
            open.add(AppendedTextFile.create(dir.resolve(KEYFRAME_ACTIONS), ""));
            open.add(AppendedTextFile.create(dir.resolve(TRACK_ACTIONS), TRACK_ACTIONS_HEADER));
            VideoOutputs o = new VideoOutputs(dir, videoId, fps, rate, reportedIds, open.get(0), open.get(1),
                    open.get(2));
            o.tracksCurrent = false;
            o.writeTracks();
            return o;
        } catch (IOException | RuntimeException e) {
            for (AppendedTextFile f : open) {
                f.close();
            }
            throw e;
        }
    }

    /** Takes one finished prediction (in time order); flushes when the last flush is old enough. */
    public void prediction(Prediction p, IouTracker tracksSoFar) throws IOException {
        predictions++;
        tracker = tracksSoFar;
        tracksCurrent = false;
        long whole = Math.round(p.seconds());
        // a frame within half a frame of a whole second stands for that keyframe
        boolean keyframe = Math.abs(p.seconds() - whole) <= 0.5 / fps;
        String t = seconds(p.seconds());
        for (PersonActions a : p.people()) {
            if (a.probabilities() == null) {
                continue;
            }
            AvaBox b = a.person().box();
            String box = String.format(Locale.ROOT, "%.6f,%.6f,%.6f,%.6f", b.x1(), b.y1(), b.x2(), b.y2());
            for (int id : reportedIds) {
                if (id >= 1 && id <= a.probabilities().length) {
                    String score = String.format(Locale.ROOT, "%.6f", a.probabilities()[id - 1]);
                    actionsChunk.append(videoId).append(',').append(t).append(',').append(box).append(',').append(id)
                            .append(',').append(score).append('\n');
                    if (keyframe) {
                        keyframesChunk.append(videoId).append(',').append(whole).append(',').append(box).append(',')
                                .append(id).append(',').append(score).append('\n');
                    }
                    trackChunk.append(t).append(',').append(a.person().trackId()).append(',').append(id).append(',')
                            .append(score).append('\n');
                    pendingRows++;
                }
            }
        }
        pendingSeconds = p.seconds();
        if (p.seconds() - lastFlushVideo >= FLUSH_SECONDS || System.nanoTime() - lastFlushNanos >= FLUSH_SECONDS * 1e9) {
            flush();
        }
    }

    /** Writes the rows taken so far; tracks.json too when it was last written long enough ago. */
    public void flush() throws IOException {
        // the files every reader joins on (actions, then keyframes, then track rows) grow in this order
        actions.append(actionsChunk);
        actionsChunk.setLength(0);
        keyframes.append(keyframesChunk);
        keyframesChunk.setLength(0);
        trackActions.append(trackChunk);
        trackChunk.setLength(0);
        rows += pendingRows;
        pendingRows = 0;
        flushedSeconds = pendingSeconds;
        lastFlushVideo = Math.max(0, pendingSeconds);
        lastFlushNanos = System.nanoTime();
        if (System.nanoTime() - lastTracksNanos >= TRACKS_SECONDS * 1e9) {
            writeTracks();
        }
    }

    private void writeTracks() throws IOException {
        if (tracksCurrent) {
            return;
        }
        // only the boxes of the predictions whose rows are written: the files agree with each other
        double upTo = flushedSeconds + 1e-9;
        List<IouTracker.Track> cut = new ArrayList<>();
        for (IouTracker.Track tr : tracker == null ? List.<IouTracker.Track>of() : tracker.tracks()) {
            List<TrackedBox> boxes = tr.boxes().stream().filter(b -> b.seconds() <= upTo).toList();
            if (!boxes.isEmpty()) {
                cut.add(new IouTracker.Track(tr.id(), boxes));
            }
        }
        TracksJson.write(dir.resolve(TRACKS), TracksJson.document(videoId, fps, rate, cut));
        lastTracksNanos = System.nanoTime();
        tracksCurrent = flushedSeconds >= pendingSeconds;
    }

    /** Action rows in the files. */
    public long rows() {
        return rows;
    }

    /** Predictions taken. */
    public long predictions() {
        return predictions;
    }

    /** Video time of the last prediction in the files, or -1 before the first. */
    public double flushedSeconds() {
        return flushedSeconds;
    }

    /** Flushes everything and rewrites tracks.json; the files are complete. */
    public void finish() throws IOException {
        flush();
        writeTracks();
    }

    /** Closes the files as they are (after a failed write they hold what was flushed before it). */
    @Override
    public void close() throws IOException {
        try {
            actions.close();
        } finally {
            try {
                keyframes.close();
            } finally {
                trackActions.close();
            }
        }
    }

    /** Seconds to the millisecond, without trailing zeros (2.5, 2.75, 3). */
    static String seconds(double s) {
        String v = String.format(Locale.ROOT, "%.3f", s);
        v = v.replaceAll("0+$", "");
        return v.endsWith(".") ? v.substring(0, v.length() - 1) : v;
    }
}
