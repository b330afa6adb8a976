package io.x3dava.detector.video;

import io.x3dava.annotations.AtomicFiles;
import io.x3dava.annotations.ava.AvaBox;
import io.x3dava.proposals.track.TracksJson;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The files of a detect-video run, each written atomically:
 * <ul>
 *   <li>{@code actions.csv}: AVA detection rows {@code video_id,seconds,x1,y1,x2,y2,action_id,score}, seconds from
 *   the start of the video (fractional at rates above 1 Hz), one row per person and reported action;</li>
 *   <li>{@code actions_keyframes.csv}: the rows at whole seconds only, with integer timestamps: the official AVA
 *   format, which the evaluator and the viewer read;</li>
 *   <li>{@code track_actions.csv}: {@code seconds,track_id,action_id,score}, the track of every action row;</li>
 *   <li>{@code tracks.json}: the tracks ({@link TracksJson}).</li>
 * </ul>
 */
public final class VideoOutputs {
    public static final String ACTIONS = "actions.csv";
    public static final String KEYFRAME_ACTIONS = "actions_keyframes.csv";
    public static final String TRACK_ACTIONS = "track_actions.csv";
    public static final String TRACKS = "tracks.json";

    private VideoOutputs() {
    }

    /**
     * @param reportedIds action ids written (a label map's, or every class of the detector)
     * @return the number of action rows
     */
    public static long write(Path dir, VideoActionDetector.Result r, List<Integer> reportedIds) throws IOException {
        long[] rows = {0};
        AtomicFiles.writeText(dir.resolve(ACTIONS), w -> rows[0] = actionRows(w, r, reportedIds, false));
        AtomicFiles.writeText(dir.resolve(KEYFRAME_ACTIONS), w -> actionRows(w, r, reportedIds, true));
        AtomicFiles.writeText(dir.resolve(TRACK_ACTIONS), w -> {
            w.write("seconds,track_id,action_id,score\n");
            for (Prediction p : r.predictions()) {
                for (PersonActions a : p.people()) {
                    if (a.probabilities() == null) {
                        continue;
                    }
                    for (int id : reportedIds) {
                        if (id >= 1 && id <= a.probabilities().length) {
                            w.write(String.format(Locale.ROOT, "%s,%d,%d,%.6f%n", seconds(p.seconds()),
                                    a.person().trackId(), id, a.probabilities()[id - 1]));
                        }
                    }
                }
            }
        });
        TracksJson.write(dir.resolve(TRACKS), TracksJson.document(r.videoId(), r.fps(), r.rate(), r.tracks()));
        return rows[0];
    }

    private static long actionRows(BufferedWriter w, VideoActionDetector.Result r, List<Integer> ids,
                                   boolean keyframesOnly) throws IOException {
        long n = 0;
        for (Prediction p : r.predictions()) {
            long whole = Math.round(p.seconds());
            // a frame within half a frame of a whole second stands for that keyframe
            if (keyframesOnly && Math.abs(p.seconds() - whole) > 0.5 / r.fps()) {
                continue;
            }
            String t = keyframesOnly ? Long.toString(whole) : seconds(p.seconds());
            for (PersonActions a : p.people()) {
                if (a.probabilities() == null) {
                    continue;
                }
                AvaBox b = a.person().box();
                for (int id : ids) {
                    if (id >= 1 && id <= a.probabilities().length) {
                        w.write(String.format(Locale.ROOT, "%s,%s,%.6f,%.6f,%.6f,%.6f,%d,%.6f%n", r.videoId(), t,
                                b.x1(), b.y1(), b.x2(), b.y2(), id, a.probabilities()[id - 1]));
                        n++;
                    }
                }
            }
        }
        return n;
    }

    /** Seconds to the millisecond, without trailing zeros (2.5, 2.75, 3). */
    static String seconds(double s) {
        String v = String.format(Locale.ROOT, "%.3f", s);
        v = v.replaceAll("0+$", "");
        return v.endsWith(".") ? v.substring(0, v.length() - 1) : v;
    }
}
