package io.x3dava.viewer;

import io.x3dava.annotations.ava.AvaBox;
import io.x3dava.annotations.ava.AvaDetectionRow;
import io.x3dava.annotations.ava.AvaGroundTruthRow;
import io.x3dava.annotations.ava.Keyframe;
import io.x3dava.annotations.ava.LabelMap;
import io.x3dava.annotations.ava.LabelMapEntry;
import io.x3dava.annotations.ava.LabeledBox;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The loaded annotations, indexed by video and keyframe: detections grouped into boxes with all their action scores,
 * ground truth grouped into person boxes with their actions. Immutable; loading another file makes a new model.
 */
public final class OverlayModel {
    private final List<AvaDetectionRow> detectionRows;
    private final List<AvaGroundTruthRow> groundTruthRows;
    private final LabelMap labelMap;
    private final Set<Keyframe> excluded;
    private final Map<String, TreeMap<Integer, List<DetectedPerson>>> detections = new TreeMap<>();
    private final Map<String, TreeMap<Integer, List<LabeledBox>>> groundTruth = new TreeMap<>();
    private final Map<String, TrackFile> tracks;

    /**
     * @param labelMap null: class names are "action N" and AP is computed over the classes present in the files
     * @param excluded keyframes left out of TP/FP marking and AP, as in the official evaluation
     */
    public OverlayModel(List<AvaDetectionRow> detectionRows, List<AvaGroundTruthRow> groundTruthRows, LabelMap labelMap,
            Set<Keyframe> excluded) {
        this(detectionRows, groundTruthRows, labelMap, excluded, Map.of());
    }

    private OverlayModel(List<AvaDetectionRow> detectionRows, List<AvaGroundTruthRow> groundTruthRows, LabelMap labelMap,
            Set<Keyframe> excluded, Map<String, TrackFile> tracks) {
        this.tracks = Map.copyOf(tracks);
        this.detectionRows = List.copyOf(detectionRows);
        this.groundTruthRows = List.copyOf(groundTruthRows);
        this.labelMap = labelMap;
        this.excluded = Set.copyOf(excluded);
        indexDetections();
        indexGroundTruth();
    }

    public static OverlayModel empty() {
        return new OverlayModel(List.of(), List.of(), null, Set.of());
    }

    public OverlayModel withDetections(List<AvaDetectionRow> rows) {
        return new OverlayModel(rows, groundTruthRows, labelMap, excluded, tracks);
    }

    public OverlayModel withGroundTruth(List<AvaGroundTruthRow> rows) {
        return new OverlayModel(detectionRows, rows, labelMap, excluded, tracks);
    }

    public OverlayModel withLabelMap(LabelMap map) {
        return new OverlayModel(detectionRows, groundTruthRows, map, excluded, tracks);
    }

    public OverlayModel withExclusions(Set<Keyframe> keyframes) {
        return new OverlayModel(detectionRows, groundTruthRows, labelMap, keyframes, tracks);
    }

    /** Person tracks (tracks.json) for their video, replacing earlier tracks of that video. */
    public OverlayModel withTracks(TrackFile t) {
        Map<String, TrackFile> m = new java.util.HashMap<>(tracks);
        m.put(t.video(), t);
        return new OverlayModel(detectionRows, groundTruthRows, labelMap, excluded, m);
    }

    /** The tracks of a video, or null. */
    public TrackFile tracks(String videoId) {
        return tracks.get(videoId);
    }

    private void indexDetections() {
        // rows of one box share exact coordinates (one row per action), so the box itself is the grouping key
        Map<Keyframe, Map<AvaBox, List<ActionScore>>> byFrame = new LinkedHashMap<>();
        for (AvaDetectionRow r : detectionRows) {
            byFrame.computeIfAbsent(r.keyframe(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(r.box(), b -> new ArrayList<>())
                    .add(new ActionScore(r.actionId(), r.score()));
        }
        byFrame.forEach((kf, boxes) -> {
            List<DetectedPerson> persons = new ArrayList<>();
            boxes.forEach((box, scores) -> persons.add(new DetectedPerson(box, scores)));
            detections.computeIfAbsent(kf.videoId(), v -> new TreeMap<>()).put(kf.timestamp(), List.copyOf(persons));
        });
    }

    private record PersonKey(AvaBox box, int personId) {}

    private void indexGroundTruth() {
        Map<Keyframe, Map<PersonKey, List<Integer>>> byFrame = new LinkedHashMap<>();
        for (AvaGroundTruthRow r : groundTruthRows) {
            List<Integer> actions = byFrame.computeIfAbsent(r.keyframe(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(new PersonKey(r.box(), r.personId()), p -> new ArrayList<>());
            if (r.actionId() > 0) { // -1 marks a negative (action-less) box in SlowFast training files
                actions.add(r.actionId());
            }
        }
        byFrame.forEach((kf, persons) -> {
            List<LabeledBox> boxes = new ArrayList<>();
            persons.forEach((p, actions) -> boxes.add(new LabeledBox(p.box(), p.personId(), actions)));
            groundTruth.computeIfAbsent(kf.videoId(), v -> new TreeMap<>()).put(kf.timestamp(), List.copyOf(boxes));
        });
    }

    public List<DetectedPerson> detectionsAt(String videoId, int timestamp) {
        TreeMap<Integer, List<DetectedPerson>> m = detections.get(videoId);
        return m == null ? List.of() : m.getOrDefault(timestamp, List.of());
    }

    public List<LabeledBox> groundTruthAt(String videoId, int timestamp) {
        TreeMap<Integer, List<LabeledBox>> m = groundTruth.get(videoId);
        return m == null ? List.of() : m.getOrDefault(timestamp, List.of());
    }

    public boolean hasGroundTruth() {
        return !groundTruthRows.isEmpty();
    }

    public boolean hasDetections() {
        return !detectionRows.isEmpty();
    }

    public boolean isExcluded(String videoId, int timestamp) {
        return excluded.contains(new Keyframe(videoId, timestamp));
    }

    /** Keyframes with detections or ground truth for the video, in order. */
    public NavigableSet<Integer> keyframes(String videoId) {
        NavigableSet<Integer> out = new TreeSet<>();
        if (detections.containsKey(videoId)) {
            out.addAll(detections.get(videoId).keySet());
        }
        if (groundTruth.containsKey(videoId)) {
            out.addAll(groundTruth.get(videoId).keySet());
        }
        return Collections.unmodifiableNavigableSet(out);
    }

    /** Video ids present in detections, ground truth or tracks, sorted. */
    public List<String> videoIds() {
        Set<String> ids = new TreeSet<>(detections.keySet());
        ids.addAll(tracks.keySet());
        ids.addAll(groundTruth.keySet());
        return List.copyOf(ids);
    }

    /** The loaded label map, or one naming every class present in the files "action N". */
    public LabelMap labelMap() {
        if (labelMap != null) {
            return labelMap;
        }
        Set<Integer> ids = new TreeSet<>();
        detectionRows.forEach(r -> ids.add(r.actionId()));
        groundTruthRows.stream().filter(r -> r.actionId() > 0).forEach(r -> ids.add(r.actionId()));
        return new LabelMap(ids.stream().map(id -> new LabelMapEntry(id, "action " + id, null)).toList());
    }

    public String className(int actionId) {
        return labelMap != null && labelMap.contains(actionId) ? labelMap.name(actionId) : "action " + actionId;
    }

    /** Detection rows of one video in file order (the order matters to the evaluator for tied scores). */
    public List<AvaDetectionRow> detectionRows(String videoId) {
        return detectionRows.stream().filter(r -> r.keyframe().videoId().equals(videoId)).toList();
    }

    public List<AvaGroundTruthRow> groundTruthRows(String videoId) {
        return groundTruthRows.stream().filter(r -> r.keyframe().videoId().equals(videoId)).toList();
    }

    /**
     * The annotation id for a video whose name suggests {@code guess}: the guess when the annotations know it, else the
     * only video they have (a renamed file), else the guess (nothing will be drawn; the UI offers the list).
     */
    public String videoIdFor(String guess) {
        List<String> ids = videoIds();
        if (ids.contains(guess) || ids.size() != 1) {
            return guess;
        }
        return ids.get(0);
    }

    public Set<Keyframe> excluded() {
        return excluded;
    }
}
