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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * AVA frame-mAP, the same computation as the official ActivityNet get_ava_performance.py with PascalDetectionEvaluator
 * (IoU 0.5): rows of classes outside the label map are ignored, excluded keyframes are left out of ground truth and
 * detections, detections are read per keyframe as the chosen {@link AvaProtocol} says, boxes with no area are dropped
 * (per_image_evaluation._remove_invalid_boxes), then per class and keyframe each detection is matched to its highest-IoU
 * ground truth only, and AP is the VOC all-point interpolated area. Classes with ground truth but no detection get 0;
 * classes without ground truth are NaN and left out of the mean.
 *
 * <p>Rows must be added in file order: the official reader's heap and the numpy sort make the order of tied scores
 * (and so the AP) depend on it.
 */
public final class AvaEvaluator {
    /** IoU threshold of the PASCAL criterion used by the AVA challenge. */
    public static final double IOU_THRESHOLD = 0.5;

    private final LabelMap labelMap;
    private final Set<Keyframe> excluded;
    private final AvaProtocol protocol;
    private final RowTable gt = new RowTable();
    private final RowTable det = new RowTable();
    private final Map<Keyframe, KeyframeRows> gtFrames = new LinkedHashMap<>();
    private final Map<Keyframe, KeyframeRows> detFrames = new LinkedHashMap<>();
    private long detectionRowsRead;
    private long groundTruthIgnored;
    private long detectionsIgnored;

    public AvaEvaluator(LabelMap labelMap, Set<Keyframe> excluded, AvaProtocol protocol) {
        this.labelMap = labelMap;
        this.excluded = Set.copyOf(excluded);
        this.protocol = protocol;
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
        AvaCsv.readDetections(detections, e::addDetection);
        return e.evaluate();
    }

    public void addGroundTruth(AvaGroundTruthRow r) {
        if (!labelMap.contains(r.actionId())) {
            groundTruthIgnored++;
            return;
        }
        // the official reader takes column 8 (the person id) as the "score" of a ground-truth row, 1.0 without it
        double score = r.personId() >= 0 ? r.personId() : 1.0;
        int row = gt.add(score, r.actionId(), r.box().y1(), r.box().x1(), r.box().y2(), r.box().x2());
        gtFrames.computeIfAbsent(r.keyframe(), k -> new KeyframeRows(gt)).add(row, 0, protocol.usesHeap());
    }

    public void addDetection(AvaDetectionRow r) {
        if (!labelMap.contains(r.actionId())) {
            detectionsIgnored++;
            return;
        }
        detectionRowsRead++;
        KeyframeRows frame = detFrames.computeIfAbsent(r.keyframe(), k -> new KeyframeRows(det));
        int capacity = protocol.capacity();
        if (capacity > 0 && frame.size() >= capacity && !(r.score() > det.score[frame.peekMin()])) {
            return; // would not enter the heap: don't store it
        }
        int row = det.add(r.score(), r.actionId(), r.box().y1(), r.box().x1(), r.box().y2(), r.box().x2());
        frame.add(row, capacity, protocol.usesHeap());
    }

    public AvaEvaluationResult evaluate() {
        int maxId = labelMap.maxId();
        int[] numGt = new int[maxId + 1];
        Map<Keyframe, int[]> gtOrdered = new LinkedHashMap<>();
        int gtKeyframes = 0;
        for (Map.Entry<Keyframe, KeyframeRows> e : gtFrames.entrySet()) {
            if (excluded.contains(e.getKey())) {
                continue;
            }
            int[] rows = e.getValue().ordered(protocol.sortByScore());
            gtOrdered.put(e.getKey(), rows);
            for (int row : rows) {
                numGt[gt.action[row]]++;
            }
            gtKeyframes++;
        }

        ScoreList[] perClass = new ScoreList[maxId + 1];
        for (int c = 0; c <= maxId; c++) {
            perClass[c] = new ScoreList();
        }
        int[] detIdx = new int[64];
        int[] gtIdx = new int[64];
        boolean[] tp = new boolean[64];
        boolean[] claimed = new boolean[64];
        int detKeyframes = 0;
        long evaluated = 0;
        int[] none = new int[0];
        for (Map.Entry<Keyframe, KeyframeRows> e : detFrames.entrySet()) {
            if (excluded.contains(e.getKey())) {
                continue;
            }
            detKeyframes++;
            int[] rows = e.getValue().ordered(protocol.sortByScore());
            int[] gtRows = gtOrdered.getOrDefault(e.getKey(), none);
            // classes present among this keyframe's valid detections, in first-seen order
            int[] classes = new int[rows.length];
            int nClasses = 0;
            for (int row : rows) {
                if (!validBox(row)) {
                    continue;
                }
                int c = det.action[row];
                boolean seen = false;
                for (int k = 0; k < nClasses && !seen; k++) {
                    seen = classes[k] == c;
                }
                if (!seen) {
                    classes[nClasses++] = c;
                }
            }
            for (int k = 0; k < nClasses; k++) {
                int c = classes[k];
                int nd = 0;
                for (int row : rows) {
                    if (det.action[row] == c && validBox(row)) {
                        if (nd == detIdx.length) {
                            detIdx = java.util.Arrays.copyOf(detIdx, nd * 2);
                            tp = new boolean[nd * 2];
                        }
                        detIdx[nd++] = row;
                    }
                }
                int ng = 0;
                for (int row : gtRows) {
                    if (gt.action[row] == c) {
                        if (ng == gtIdx.length) {
                            gtIdx = java.util.Arrays.copyOf(gtIdx, ng * 2);
                            claimed = new boolean[ng * 2];
                        }
                        gtIdx[ng++] = row;
                    }
                }
                ClassMatcher.match(det, detIdx, nd, gt, gtIdx, ng, IOU_THRESHOLD, tp, claimed);
                ScoreList list = perClass[c];
                for (int i = 0; i < nd; i++) {
                    list.add(det.score[detIdx[i]], tp[i]);
                }
                evaluated += nd;
            }
        }

        List<ClassResult> results = new ArrayList<>();
        double sum = 0;
        int counted = 0;
        for (LabelMapEntry entry : labelMap.entries()) {
            int c = entry.id();
            double ap = numGt[c] == 0 ? Double.NaN : perClass[c].averagePrecision(numGt[c]);
            if (!Double.isNaN(ap)) {
                sum += ap;
                counted++;
            }
            results.add(new ClassResult(c, entry.name(), ap, numGt[c], perClass[c].size));
        }
        double mean = counted == 0 ? Double.NaN : sum / counted;
        return new AvaEvaluationResult(protocol, mean, results, gtKeyframes, detKeyframes, detectionRowsRead, evaluated,
                groundTruthIgnored, detectionsIgnored);
    }

    /** per_image_evaluation._remove_invalid_boxes: ymin < ymax and xmin < xmax, strictly. */
    private boolean validBox(int row) {
        return det.y1[row] < det.y2[row] && det.x1[row] < det.x2[row];
    }
}
