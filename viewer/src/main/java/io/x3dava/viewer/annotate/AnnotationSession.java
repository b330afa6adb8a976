package io.x3dava.viewer.annotate;

import io.x3dava.annotations.ava.AvaBox;
import io.x3dava.annotations.ava.AvaCsv;
import io.x3dava.annotations.ava.AvaGroundTruthRow;
import io.x3dava.annotations.ava.Keyframe;
import io.x3dava.annotations.ava.LabelMap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The labels of one video's keyframes and every edit of them; no JavaFX. Each edit confirms its keyframe, is undoable
 * and rewrites the ground-truth CSV at once (atomic: a crash leaves the previous or the new file, never half of one).
 * Rows of other videos in the CSV are kept as they are. Opening a CSV that already holds rows of this video continues
 * from them: those keyframes are confirmed and not pre-filled again.
 */
public final class AnnotationSession {
    /** People move between keyframes a second apart: a loose overlap still says "same person". */
    private static final double LINK_IOU = 0.2;
    private static final int UNDO_DEPTH = 200;

    private final String videoId;
    private final List<Integer> keyframes;
    private final LabelMap labelMap;
    private final Path gtFile;
    private final int offset;
    private final List<AvaGroundTruthRow> otherRows;
    private SortedMap<Integer, KeyframeLabels> state = new TreeMap<>();
    private final Deque<SortedMap<Integer, KeyframeLabels>> undo = new ArrayDeque<>();
    private int nextPersonId;

    /**
     * @param keyframes keyframe seconds of the video (from its start)
     * @param offset    CSV timestamp of the video's start (0: seconds from the start)
     */
    public AnnotationSession(String videoId, List<Integer> keyframes, LabelMap labelMap, Path gtFile, int offset)
            throws IOException {
        this.videoId = videoId;
        this.labelMap = labelMap;
        this.gtFile = gtFile;
        this.offset = offset;
        List<AvaGroundTruthRow> others = new ArrayList<>();
        Set<Integer> seconds = new TreeSet<>(keyframes);
        if (Files.isRegularFile(gtFile)) {
            Map<Integer, Map<String, PersonLabel>> mine = new TreeMap<>();
            for (AvaGroundTruthRow r : AvaCsv.readGroundTruth(gtFile)) {
                if (!r.keyframe().videoId().equals(videoId)) {
                    others.add(r);
                    continue;
                }
                if (r.actionId() > 0 && !labelMap.contains(r.actionId())) {
                    throw new IllegalArgumentException(gtFile + ": action id " + r.actionId() + " (at "
                            + r.keyframe().imageKey() + ") is not in the label map");
                }
                int t = r.keyframe().timestamp() - offset;
                seconds.add(t);
                String key = r.personId() + "," + r.box();
                Map<String, PersonLabel> people = mine.computeIfAbsent(t, x -> new LinkedHashMap<>());
                PersonLabel p = people.get(key);
                Set<Integer> actions = new TreeSet<>(p == null ? Set.of() : p.actions());
                if (r.actionId() > 0) {
                    actions.add(r.actionId());
                }
                people.put(key, new PersonLabel(r.personId(), r.box(), actions));
            }
            mine.forEach((t, people) -> state.put(t, new KeyframeLabels(new ArrayList<>(people.values()), true)));
        }
        this.otherRows = List.copyOf(others);
        this.keyframes = List.copyOf(seconds);
        this.nextPersonId = 1 + state.values().stream().flatMap(k -> k.people().stream())
                .mapToInt(PersonLabel::personId).max().orElse(0);
    }

    public String videoId() {
        return videoId;
    }

    public List<Integer> keyframes() {
        return keyframes;
    }

    public LabelMap labelMap() {
        return labelMap;
    }

    public Path gtFile() {
        return gtFile;
    }

    /** The people at keyframe {@code t} (empty before it is pre-filled). */
    public List<PersonLabel> people(int t) {
        KeyframeLabels k = state.get(t);
        return k == null ? List.of() : k.people();
    }

    public boolean isConfirmed(int t) {
        KeyframeLabels k = state.get(t);
        return k != null && k.confirmed();
    }

    public boolean isLabelled(int t) {
        KeyframeLabels k = state.get(t);
        return k != null && k.labelled();
    }

    /** Whether keyframe {@code t} still waits for its suggested boxes. */
    public boolean needsPrefill(int t) {
        return !state.containsKey(t);
    }

    /**
     * Stores suggested boxes for an untouched keyframe (not an edit: not saved, not undone). Boxes without a track are
     * linked to the previous keyframe's person they overlap most (IoU >= 0.2), else get a new id.
     */
    public void prefill(int t, List<PersonLabel> suggested) {
        if (!needsPrefill(t)) {
            return;
        }
        List<PersonLabel> previous = previousPeople(t);
        Set<Integer> used = new HashSet<>();
        List<PersonLabel> out = new ArrayList<>();
        for (PersonLabel p : suggested) {
            if (p.personId() >= 0) {
                used.add(p.personId());
                nextPersonId = Math.max(nextPersonId, p.personId() + 1);
            }
        }
        for (PersonLabel p : suggested) {
            int id = p.personId();
            if (id < 0) {
                double best = LINK_IOU;
                for (PersonLabel q : previous) {
                    double iou = q.box().iou(p.box());
                    if (iou >= best && !used.contains(q.personId())) {
                        best = iou;
                        id = q.personId();
                    }
                }
                if (id < 0) {
                    id = nextPersonId++;
                }
                used.add(id);
            }
            // a model trained on other classes may suggest actions this label map does not have
            out.add(new PersonLabel(id, p.box(), p.actions().stream().filter(labelMap::contains)
                    .collect(java.util.stream.Collectors.toSet())));
        }
        state.put(t, new KeyframeLabels(out, false));
    }

    private List<PersonLabel> previousPeople(int t) {
        int i = keyframes.indexOf(t);
        return i > 0 ? people(keyframes.get(i - 1)) : List.of();
    }

    /** A new box drawn by the user; returns its index. */
    public int addBox(int t, AvaBox box) throws IOException {
        List<PersonLabel> people = new ArrayList<>(people(t));
        people.add(new PersonLabel(nextPersonId++, box, Set.of()));
        edit(t, people);
        return people.size() - 1;
    }

    public void moveBox(int t, int index, AvaBox box) throws IOException {
        List<PersonLabel> people = new ArrayList<>(people(t));
        people.set(index, people.get(index).withBox(box));
        edit(t, people);
    }

    public void deleteBox(int t, int index) throws IOException {
        List<PersonLabel> people = new ArrayList<>(people(t));
        people.remove(index);
        edit(t, people);
    }

    /** Ticks or unticks {@code actionId} on box {@code index}. */
    public void toggleAction(int t, int index, int actionId) throws IOException {
        if (!labelMap.contains(actionId)) {
            throw new IllegalArgumentException("action " + actionId + " is not in the label map");
        }
        List<PersonLabel> people = new ArrayList<>(people(t));
        Set<Integer> actions = new TreeSet<>(people.get(index).actions());
        if (!actions.remove(actionId)) {
            actions.add(actionId);
        }
        people.set(index, people.get(index).withActions(actions));
        edit(t, people);
    }

    /**
     * Gives every person of keyframe {@code t} the actions the same person id had at the previous keyframe (boxes stay
     * where they are); returns how many boxes got labels.
     */
    public int copyPrevious(int t) throws IOException {
        Map<Integer, Set<Integer>> before = new LinkedHashMap<>();
        previousPeople(t).forEach(p -> before.put(p.personId(), p.actions()));
        List<PersonLabel> people = new ArrayList<>();
        int copied = 0;
        for (PersonLabel p : people(t)) {
            Set<Integer> a = before.get(p.personId());
            if (a != null && !a.isEmpty()) {
                people.add(p.withActions(a));
                copied++;
            } else {
                people.add(p);
            }
        }
        edit(t, people);
        return copied;
    }

    /** Accepts keyframe {@code t} as it is (pre-filled boxes and pre-ticked actions included). */
    public void confirm(int t) throws IOException {
        edit(t, people(t));
    }

    /** Undoes the last edit; false when there is none. */
    public boolean undo() throws IOException {
        if (undo.isEmpty()) {
            return false;
        }
        state = undo.pop();
        save();
        return true;
    }

    /** The first keyframe after {@code t} (wrapping around) that is not labelled, or null when all are. */
    public Integer nextUnlabelled(int t) {
        int start = Math.max(0, keyframes.indexOf(t));
        for (int i = 1; i <= keyframes.size(); i++) {
            int k = keyframes.get((start + i) % keyframes.size());
            if (!isLabelled(k)) {
                return k;
            }
        }
        return null;
    }

    public int labelledCount() {
        return (int) keyframes.stream().filter(this::isLabelled).count();
    }

    /** Boxes per class over the labelled keyframes, in label-map order. */
    public Map<Integer, Integer> boxesPerClass() {
        Map<Integer, Integer> out = new LinkedHashMap<>();
        labelMap.entries().forEach(e -> out.put(e.id(), 0));
        state.values().stream().filter(KeyframeLabels::confirmed).flatMap(k -> k.people().stream())
                .forEach(p -> p.actions().forEach(a -> out.merge(a, 1, Integer::sum)));
        return out;
    }

    private void edit(int t, List<PersonLabel> people) throws IOException {
        undo.push(new TreeMap<>(state));
        if (undo.size() > UNDO_DEPTH) {
            undo.removeLast();
        }
        state.put(t, new KeyframeLabels(people, true));
        save();
    }

    /** The CSV: other videos' rows, then this video's confirmed boxes with actions, one row per action. */
    private void save() throws IOException {
        List<AvaGroundTruthRow> rows = new ArrayList<>(otherRows);
        List<AvaGroundTruthRow> mine = new ArrayList<>();
        state.forEach((t, k) -> {
            if (k.confirmed()) {
                for (PersonLabel p : k.people()) {
                    for (int a : p.actions()) {
                        mine.add(new AvaGroundTruthRow(new Keyframe(videoId, offset + t), p.box(), a, p.personId()));
                    }
                }
            }
        });
        mine.sort(Comparator.comparing(AvaGroundTruthRow::keyframe).thenComparingInt(AvaGroundTruthRow::personId)
                .thenComparingInt(AvaGroundTruthRow::actionId));
        rows.addAll(mine);
        AvaCsv.writeGroundTruth(gtFile, rows);
    }
}
