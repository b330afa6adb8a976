package io.x3dava.proposals.track;

import io.x3dava.annotations.ava.AvaBox;
import io.x3dava.proposals.detect.PersonHit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Keeps one id per person across frames by box overlap (the IoU tracker of Bochinski et al., AVSS 2017, with a
 * memory and a constant-velocity prediction as in SORT, Bewley et al. 2016, without the Kalman filter): each live
 * track's box is moved forward by its last velocity to the frame's time, and the frame's boxes are matched greedily,
 * highest IoU first, to those predicted boxes; a pair needs IoU >= {@code minIou}. The prediction is what keeps
 * two people apart when they cross. Unmatched boxes start new tracks; a track unmatched for longer than
 * {@code memorySeconds} ends, so a person missed for a few frames (occlusion, a weak detector) keeps their id.
 * Greedy matching equals the optimal (Hungarian) assignment whenever each box overlaps at most one track above the
 * threshold, the usual case at video rates.
 */
public final class IouTracker {
    /** Minimum overlap to continue a track; 0.3 tolerates the motion of a walking person between 4 Hz frames. */
    public static final double DEFAULT_MIN_IOU = 0.3;
    /** A track survives one second without detections. */
    public static final double DEFAULT_MEMORY_SECONDS = 1.0;

    private final double minIou;
    private final double memorySeconds;
    private final List<Track> live = new ArrayList<>();
    private final List<Track> all = new ArrayList<>();
    private int nextId = 1;

    private IouTracker(double minIou, double memorySeconds) {
        this.minIou = minIou;
        this.memorySeconds = memorySeconds;
    }

    public static IouTracker create() {
        return new IouTracker(DEFAULT_MIN_IOU, DEFAULT_MEMORY_SECONDS);
    }

    public IouTracker withMinIou(double iou) {
        if (!(iou > 0 && iou <= 1)) {
            throw new IllegalArgumentException("tracker IoU must be in (0, 1], got " + iou);
        }
        return new IouTracker(iou, memorySeconds);
    }

    public IouTracker withMemorySeconds(double s) {
        if (!(s >= 0)) {
            throw new IllegalArgumentException("tracker memory must be >= 0 s, got " + s);
        }
        return new IouTracker(minIou, s);
    }

    /** A track: its id and its boxes in time order. */
    public record Track(int id, List<TrackedBox> boxes) {
        TrackedBox last() {
            return boxes.get(boxes.size() - 1);
        }

        /** The last box moved by the velocity between the last two boxes (held still with one box). */
        AvaBox predictedAt(double seconds) {
            TrackedBox b = last();
            if (boxes.size() < 2) {
                return b.box();
            }
            TrackedBox a = boxes.get(boxes.size() - 2);
            double dt = b.seconds() - a.seconds();
            if (!(dt > 0)) {
                return b.box();
            }
            double k = (seconds - b.seconds()) / dt;
            double dx = ((b.box().x1() + b.box().x2()) - (a.box().x1() + a.box().x2())) / 2 * k;
            double dy = ((b.box().y1() + b.box().y2()) - (a.box().y1() + a.box().y2())) / 2 * k;
            return new AvaBox(b.box().x1() + dx, b.box().y1() + dy, b.box().x2() + dx, b.box().y2() + dy);
        }
    }

    /** Assigns the boxes of the frame at {@code seconds} (non-decreasing between calls); same order as the hits. */
    public List<TrackedBox> update(double seconds, List<PersonHit> hits) {
        live.removeIf(t -> seconds - t.last().seconds() > memorySeconds + 1e-9);
        record Pair(int track, int hit, double iou) {
        }
        List<AvaBox> predicted = live.stream().map(t -> t.predictedAt(seconds)).toList();
        List<Pair> pairs = new ArrayList<>();
        for (int t = 0; t < live.size(); t++) {
            for (int h = 0; h < hits.size(); h++) {
                double iou = predicted.get(t).iou(hits.get(h).box());
                if (iou >= minIou) {
                    pairs.add(new Pair(t, h, iou));
                }
            }
        }
        pairs.sort(Comparator.comparingDouble(Pair::iou).reversed());
        Track[] assigned = new Track[hits.size()];
        boolean[] trackUsed = new boolean[live.size()];
        for (Pair p : pairs) {
            if (!trackUsed[p.track()] && assigned[p.hit()] == null) {
                trackUsed[p.track()] = true;
                assigned[p.hit()] = live.get(p.track());
            }
        }
        List<TrackedBox> out = new ArrayList<>(hits.size());
        for (int h = 0; h < hits.size(); h++) {
            Track t = assigned[h];
            if (t == null) {
                t = new Track(nextId++, new ArrayList<>());
                live.add(t);
                all.add(t);
            }
            TrackedBox b = new TrackedBox(t.id(), seconds, hits.get(h).box(), hits.get(h).score());
            t.boxes().add(b);
            out.add(b);
        }
        return out;
    }

    /** Tracks so far (without copying them: a long stream asks every frame). */
    public int trackCount() {
        return all.size();
    }

    /** Every track so far, by id, with unmodifiable box lists. */
    public List<Track> tracks() {
        return all.stream().map(t -> new Track(t.id(), List.copyOf(t.boxes()))).toList();
    }
}
