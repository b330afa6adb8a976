package io.x3dava.eval.ava;

import io.x3dava.annotations.ava.AvaCsv;
import io.x3dava.annotations.ava.AvaDetectionRow;
import io.x3dava.annotations.ava.AvaExclusions;
import io.x3dava.annotations.ava.AvaGroundTruthRow;
import io.x3dava.annotations.ava.Keyframe;
import io.x3dava.annotations.ava.LabelMap;
import io.x3dava.annotations.ava.LabelMapEntry;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * AVA frame-mAP, the same computation as the official ActivityNet get_ava_performance.py with PascalDetectionEvaluator
 * (IoU 0.5): rows of classes outside the label map are ignored, excluded keyframes are left out of ground truth and
 * detections, detections are read per keyframe as the chosen {@link AvaProtocol} says, boxes with no area are dropped
 * (per_image_evaluation._remove_invalid_boxes), then per class and keyframe each detection is matched to its highest-IoU
 * ground truth only, and AP is the VOC all-point interpolated area. Classes with ground truth but no detection get 0;
 * classes without ground truth are NaN and left out of the mean (np.nanmean over the classes 1..max id).
 *
 * <p>Rows must be added in file order: the official reader's heap and the numpy sort make the order of tied scores
 * (and so the AP) depend on it. Memory: under the official protocol only the 50 rows kept per keyframe are stored (a row
 * pushed out of the heap gives its slot to the new one), as primitives.
 */
public final class AvaEvaluator {
    /** IoU threshold of the PASCAL criterion used by the AVA challenge. */
    public static final double IOU_THRESHOLD = 0.5;

    private final LabelMap labelMap;
    private final Set<Keyframe> excluded;
    private final AvaProtocol protocol;
    /** class id to its index in the label map, -1 outside it. */
    private final int[] dense;
    private final RowTable gt = new RowTable();
    private final RowTable det = new RowTable();
    private final Map<Keyframe, KeyframeRows> gtFrames = new LinkedHashMap<>();
    private final Map<Keyframe, KeyframeRows> detFrames = new HashMap<>();
    /** Detection keyframes in order of first appearance: the order the official code concatenates their scores. */
    private final List<KeyframeRows> detOrder = new ArrayList<>();
    private KeyframeRows lastFrame;
    private String lastVideo;
    private int lastTimestamp;
    private int fileRow;
    private long detectionRowsRead;
    private long groundTruthIgnored;
    private long detectionsIgnored;

    public AvaEvaluator(LabelMap labelMap, Set<Keyframe> excluded, AvaProtocol protocol) {
        this.labelMap = labelMap;
        this.excluded = Set.copyOf(excluded);
        this.protocol = protocol;
        int maxId = labelMap.maxId();
        if (maxId > LabelMap.MAX_ID) {
            throw new IllegalArgumentException("label map: class id " + maxId + " is too large; expected ids between 1 and "
                    + LabelMap.MAX_ID);
        }
        this.dense = new int[maxId + 1];
        Arrays.fill(dense, -1);
        List<LabelMapEntry> entries = labelMap.entries();
        for (int i = 0; i < entries.size(); i++) {
            int id = entries.get(i).id();
            if (id < 1) {
                throw new IllegalArgumentException("label map: class id " + id + "; expected ids between 1 and "
                        + LabelMap.MAX_ID);
            }
            dense[id] = i;
        }
    }

    /** Evaluates files in the official formats. {@code exclusions} may be null. */
    public static AvaEvaluationResult evaluate(Path labelMapFile, Path groundTruth, Path detections, Path exclusions,
            AvaProtocol protocol) throws IOException {
        LabelMap labels = LabelMap.read(labelMapFile);
        Set<Keyframe> ex = exclusions == null ? Set.of() : AvaExclusions.read(exclusions);
        AvaEvaluator e = new AvaEvaluator(labels, ex, protocol);
        for (AvaGroundTruthRow r : AvaCsv.readGroundTruth(groundTruth)) {
            e.addGroundTruth(r);
        }
        AvaCsv.scanDetections(detections, e::addDetection);
        return e.evaluate();
    }

    private int classOf(int actionId) {
        return actionId >= 0 && actionId < dense.length ? dense[actionId] : -1;
    }

    public void addGroundTruth(AvaGroundTruthRow r) {
        if (classOf(r.actionId()) < 0) {
            groundTruthIgnored++;
            return;
        }
        // the official reader takes column 8 (the person id) as the "score" of a ground-truth row, 1.0 without it
        double score = r.personId() >= 0 ? r.personId() : 1.0;
        int row = gt.add(score, r.actionId(), r.box().y1(), r.box().x1(), r.box().y2(), r.box().x2());
        gtFrames.computeIfAbsent(r.keyframe(), k -> new KeyframeRows(k, excluded.contains(k), gt, false))
                .add(row, protocol.groundTruthHeap());
    }

    public void addDetection(AvaDetectionRow r) {
        addDetection(r.keyframe().videoId(), r.keyframe().timestamp(), r.box().x1(), r.box().y1(), r.box().x2(),
                r.box().y2(), r.actionId(), r.score());
    }

    /** One detection row as primitives (the fast path of {@link AvaCsv#scanDetections}). */
    public void addDetection(String videoId, int timestamp, double x1, double y1, double x2, double y2, int actionId,
            double score) {
        if (classOf(actionId) < 0) {
            detectionsIgnored++;
            return;
        }
        detectionRowsRead++;
        int order = fileRow++;
        KeyframeRows frame = frame(videoId, timestamp);
        if (frame.excluded) {
            return; // the official code reads these rows and drops the keyframe: nothing of it reaches the result
        }
        int capacity = protocol.capacity();
        if (capacity > 0 && frame.size() >= capacity) {
            int min = frame.peekMin();
            if (!(score > det.score[min])) {
                return; // would not enter the heap
            }
            // heapreplace: the smallest entry leaves, the new row takes its slot
            det.set(min, score, actionId, y1, x1, y2, x2, order);
            frame.replacedMin();
            return;
        }
        frame.add(det.add(score, actionId, y1, x1, y2, x2, order), protocol.usesHeap());
    }

    private KeyframeRows frame(String videoId, int timestamp) {
        if (lastFrame != null && timestamp == lastTimestamp && videoId == lastVideo) {
            return lastFrame;
        }
        Keyframe kf = new Keyframe(videoId, timestamp);
        KeyframeRows f = detFrames.get(kf);
        if (f == null) {
            f = new KeyframeRows(kf, excluded.contains(kf), det, protocol.fileOrderTies());
            detFrames.put(kf, f);
            detOrder.add(f);
        }
        lastFrame = f;
        lastVideo = videoId;
        lastTimestamp = timestamp;
        return f;
    }

    public AvaEvaluationResult evaluate() {
        List<LabelMapEntry> entries = labelMap.entries();
        int nc = entries.size();
        int[] numGt = new int[nc];
        Map<Keyframe, int[]> gtOrdered = new HashMap<>();
        Set<String> gtVideos = new LinkedHashSet<>();
        int gtKeyframes = 0;
        for (KeyframeRows f : gtFrames.values()) {
            if (f.excluded) {
                continue;
            }
            int[] rows = f.ordered(protocol.sortByScore());
            gtOrdered.put(f.keyframe, rows);
            for (int row : rows) {
                numGt[dense[gt.action[row]]]++;
            }
            gtKeyframes++;
            gtVideos.add(f.keyframe.videoId());
        }

        ScoreList[] perClass = new ScoreList[nc];
        for (int c = 0; c < nc; c++) {
            perClass[c] = new ScoreList();
        }
        int[] count = new int[nc];
        int[] start = new int[nc];
        int[] gtCount = new int[nc];
        int[] gtStart = new int[nc];
        int[] touched = new int[nc];
        int[] detBuf = new int[64];
        int[] gtBuf = new int[64];
        boolean[] tp = new boolean[64];
        boolean[] claimed = new boolean[64];
        int[] none = new int[0];
        int detKeyframes = 0;
        int coveredGtKeyframes = 0;
        long evaluated = 0;
        Set<String> detVideos = new LinkedHashSet<>();
        for (KeyframeRows f : detOrder) {
            if (f.excluded) {
                continue;
            }
            detKeyframes++;
            detVideos.add(f.keyframe.videoId());
            int[] rows = f.ordered(protocol.sortByScore());
            int[] gtRows = gtOrdered.getOrDefault(f.keyframe, none);
            if (gtRows.length > 0) {
                coveredGtKeyframes++;
            }
            // bucket the valid rows by class, keeping their order; classes in order of first appearance
            int nt = 0;
            int valid = 0;
            for (int row : rows) {
                if (det.valid(row)) {
                    int c = dense[det.action[row]];
                    if (count[c]++ == 0) {
                        touched[nt++] = c;
                    }
                    valid++;
                }
            }
            if (detBuf.length < valid) {
                detBuf = new int[Math.max(valid, detBuf.length * 2)];
            }
            int pos = 0;
            for (int t = 0; t < nt; t++) {
                start[touched[t]] = pos;
                pos += count[touched[t]];
                count[touched[t]] = 0;
            }
            for (int row : rows) {
                if (det.valid(row)) {
                    int c = dense[det.action[row]];
                    detBuf[start[c] + count[c]++] = row;
                }
            }
            int ng = 0;
            for (int row : gtRows) {
                int c = dense[gt.action[row]];
                if (count[c] > 0) {
                    gtCount[c]++;
                    ng++;
                }
            }
            if (gtBuf.length < ng) {
                gtBuf = new int[Math.max(ng, gtBuf.length * 2)];
            }
            pos = 0;
            for (int t = 0; t < nt; t++) {
                int c = touched[t];
                gtStart[c] = pos;
                pos += gtCount[c];
                gtCount[c] = 0;
            }
            for (int row : gtRows) {
                int c = dense[gt.action[row]];
                if (count[c] > 0) {
                    gtBuf[gtStart[c] + gtCount[c]++] = row;
                }
            }
            for (int t = 0; t < nt; t++) {
                int c = touched[t];
                int nd = count[c];
                int g = gtCount[c];
                if (tp.length < nd) {
                    tp = new boolean[Math.max(nd, tp.length * 2)];
                }
                if (claimed.length < g) {
                    claimed = new boolean[Math.max(g, claimed.length * 2)];
                }
                ClassMatcher.match(det, detBuf, start[c], nd, gt, gtBuf, gtStart[c], g, IOU_THRESHOLD, tp, claimed);
                ScoreList list = perClass[c];
                for (int i = 0; i < nd; i++) {
                    list.add(det.score[detBuf[start[c] + i]], tp[i]);
                }
                evaluated += nd;
                count[c] = 0;
                gtCount[c] = 0;
            }
        }

        List<ClassResult> results = new ArrayList<>();
        int maxId = dense.length - 1;
        double[] ap = new double[maxId];
        double[] apLow = new double[maxId];
        double[] apHigh = new double[maxId];
        Arrays.fill(ap, Double.NaN);
        Arrays.fill(apLow, Double.NaN);
        Arrays.fill(apHigh, Double.NaN);
        long mixed = 0;
        for (int c = 0; c < nc; c++) {
            LabelMapEntry entry = entries.get(c);
            if (numGt[c] == 0) {
                results.add(new ClassResult(entry.id(), entry.name(), Double.NaN, 0, perClass[c].size, Double.NaN,
                        Double.NaN, 0));
                continue;
            }
            ScoreList.Ranked r = perClass[c].rank(numGt[c], protocol.fileOrderTies());
            ap[entry.id() - 1] = r.ap();
            apLow[entry.id() - 1] = r.apLowest();
            apHigh[entry.id() - 1] = r.apHighest();
            mixed += r.mixedTieDetections();
            results.add(new ClassResult(entry.id(), entry.name(), r.ap(), numGt[c], perClass[c].size, r.apLowest(),
                    r.apHighest(), r.mixedTieDetections()));
        }
        List<String> warnings = warnings(gtVideos, detVideos, gtKeyframes, coveredGtKeyframes);
        return new AvaEvaluationResult(protocol, NumpySum.nanMean(ap), results, gtKeyframes, detKeyframes,
                detectionRowsRead, evaluated, groundTruthIgnored, detectionsIgnored, NumpySum.nanMean(apLow),
                NumpySum.nanMean(apHigh), mixed, warnings);
    }

    /** Inputs that evaluate without error but cannot mean what the user wants. */
    private List<String> warnings(Set<String> gtVideos, Set<String> detVideos, int gtKeyframes, int covered) {
        List<String> out = new ArrayList<>();
        if (detectionRowsRead == 0 && detectionsIgnored > 0) {
            out.add("none of the " + detectionsIgnored + " detection rows has an action of the label map: every class "
                    + "scores 0 (is it the right label map?)");
        }
        if (gtKeyframes == 0 || detVideos.isEmpty()) {
            return out;
        }
        boolean common = false;
        for (String v : detVideos) {
            if (gtVideos.contains(v)) {
                common = true;
                break;
            }
        }
        if (!common) {
            out.add(String.format(Locale.ROOT, "no detection video id matches a ground-truth video id (detections: %d "
                    + "videos, e.g. '%s'; ground truth: %d videos, e.g. '%s'): every detection counts as a false "
                    + "positive; are the files from the same split?", detVideos.size(), detVideos.iterator().next(),
                    gtVideos.size(), gtVideos.iterator().next()));
        } else if (covered * 2L < gtKeyframes) {
            out.add(String.format(Locale.ROOT, "only %d of %d ground-truth keyframes (%.1f%%) have any detection: the "
                    + "others count as missed; is the detection file complete?", covered, gtKeyframes,
                    100.0 * covered / gtKeyframes));
        }
        return out;
    }
}
