package io.x3dava.viewer;

import io.x3dava.annotations.ava.LabeledBox;
import io.x3dava.eval.ava.KeyframeMatching;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The boxes of one keyframe as drawn: detections cut to their top-k actions above the threshold, judged TP / FP against
 * the ground truth with eval's {@link KeyframeMatching} (IoU 0.5, per class), and the ground truth with the actions no
 * shown detection found marked missed. The class filter hides classes; matching is per class, so hiding one does not
 * change the verdicts of the others.
 */
public final class KeyframeOverlay {
    private final OverlayModel model;

    public KeyframeOverlay(OverlayModel model) {
        this.model = model;
    }

    /** One shown action of one detected box, in the order given to the matcher. */
    private record ShownAction(int person, ActionScore action) {}

    public List<DrawnBox> boxes(String videoId, int timestamp, OverlaySettings s) {
        List<DetectedPerson> persons = model.detectionsAt(videoId, timestamp);
        List<LabeledBox> truths = model.groundTruthAt(videoId, timestamp);
        // judged only where the evaluator would judge: both files loaded and the keyframe not excluded (with ground
        // truth alone there is nothing to judge: its boxes are plain GT, not "missed")
        boolean judged = model.hasGroundTruth() && model.hasDetections() && !model.isExcluded(videoId, timestamp);

        List<ShownAction> shown = new ArrayList<>();
        List<KeyframeMatching.Detection> dets = new ArrayList<>();
        for (int p = 0; p < persons.size(); p++) {
            for (ActionScore a : persons.get(p).shown(s.threshold(), s.topK())) {
                shown.add(new ShownAction(p, a));
                dets.add(new KeyframeMatching.Detection(persons.get(p).box(), a.actionId(), a.score()));
            }
        }
        List<int[]> gtIndex = new ArrayList<>(); // (truth box, action) of each matcher ground truth
        List<KeyframeMatching.GroundTruth> gts = new ArrayList<>();
        for (int g = 0; g < truths.size(); g++) {
            for (int action : truths.get(g).actionIds()) {
                gtIndex.add(new int[] {g, action});
                gts.add(new KeyframeMatching.GroundTruth(truths.get(g).box(), action));
            }
        }
        KeyframeMatching.Result verdict = judged ? KeyframeMatching.match(gts, dets) : null;

        List<DrawnBox> out = new ArrayList<>();
        for (int p = 0; p < persons.size(); p++) {
            List<String> lines = new ArrayList<>();
            int colour = -1;
            boolean anyTp = false;
            for (int i = 0; i < shown.size(); i++) {
                ShownAction a = shown.get(i);
                if (a.person() != p || !s.filter().accepts(a.action().actionId())) {
                    continue;
                }
                boolean tp = verdict != null && verdict.truePositive()[i];
                anyTp |= tp;
                colour = colour < 0 ? a.action().actionId() : colour;
                lines.add((verdict == null ? "" : tp ? "TP " : "FP ") + model.className(a.action().actionId())
                        + String.format(Locale.ROOT, " %.2f", a.action().score()));
            }
            if (!lines.isEmpty()) {
                BoxStyle style = verdict == null ? BoxStyle.DETECTION : anyTp ? BoxStyle.TRUE_POSITIVE : BoxStyle.FALSE_POSITIVE;
                out.add(new DrawnBox(persons.get(p).box(), lines, colour, style));
            }
        }
        out = withTrackIds(out, model.tracks(videoId), timestamp);
        for (int g = 0; g < truths.size(); g++) {
            List<String> lines = new ArrayList<>();
            int colour = -1;
            boolean anyMissed = false;
            for (int j = 0; j < gtIndex.size(); j++) {
                int action = gtIndex.get(j)[1];
                if (gtIndex.get(j)[0] != g || !s.filter().accepts(action)) {
                    continue;
                }
                boolean missed = verdict != null && !verdict.matched()[j];
                if (missed && !anyMissed) {
                    colour = action; // a missed box takes the colour of the class it misses
                }
                anyMissed |= missed;
                colour = colour < 0 ? action : colour;
                lines.add("GT " + model.className(action) + (missed ? " (missed)" : ""));
            }
            if (!lines.isEmpty()) {
                out.add(new DrawnBox(truths.get(g).box(), lines, colour, anyMissed ? BoxStyle.MISSED : BoxStyle.GROUND_TRUTH));
            }
        }
        return out;
    }

    /** Below this IoU a detection and a track box are different people (the detector's own NMS threshold is 0.5). */
    static final double TRACK_MIN_IOU = 0.5;

    /**
     * Detections get the id of the track they belong to ("#3 ..."), pairing by highest IoU first; tracked people with
     * no shown detection are drawn as track boxes. Track samples are taken within half a sampling interval of the
     * keyframe.
     */
    static List<DrawnBox> withTrackIds(List<DrawnBox> detections, TrackFile tracks, int timestamp) {
        if (tracks == null) {
            return detections;
        }
        List<TrackFile.Seen> seen = tracks.at(timestamp);
        List<double[]> pairs = new ArrayList<>(); // iou, detection, track
        for (int d = 0; d < detections.size(); d++) {
            for (int t = 0; t < seen.size(); t++) {
                double iou = detections.get(d).box().iou(seen.get(t).box());
                if (iou >= TRACK_MIN_IOU) {
                    pairs.add(new double[] {iou, d, t});
                }
            }
        }
        pairs.sort((a, b) -> Double.compare(b[0], a[0]));
        int[] trackOf = new int[detections.size()];
        java.util.Arrays.fill(trackOf, -1);
        boolean[] used = new boolean[seen.size()];
        for (double[] p : pairs) {
            int d = (int) p[1];
            int t = (int) p[2];
            if (trackOf[d] < 0 && !used[t]) {
                trackOf[d] = t;
                used[t] = true;
            }
        }
        List<DrawnBox> out = new ArrayList<>();
        for (int d = 0; d < detections.size(); d++) {
            DrawnBox b = detections.get(d);
            if (trackOf[d] < 0) {
                out.add(b);
                continue;
            }
            List<String> lines = new ArrayList<>(b.labelLines());
            lines.set(0, "#" + seen.get(trackOf[d]).id() + " " + lines.get(0));
            out.add(new DrawnBox(b.box(), lines, b.colourClass(), b.style()));
        }
        for (int t = 0; t < seen.size(); t++) {
            if (!used[t]) {
                TrackFile.Seen s = seen.get(t);
                out.add(new DrawnBox(s.box(), List.of(String.format(Locale.ROOT, "#%d person %.2f", s.id(), s.score())),
                        0, BoxStyle.TRACK));
            }
        }
        return out;
    }
}
