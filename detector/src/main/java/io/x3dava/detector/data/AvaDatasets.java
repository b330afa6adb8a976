package io.x3dava.detector.data;

import io.x3dava.annotations.ava.AvaBox;
import io.x3dava.annotations.ava.AvaCsv;
import io.x3dava.annotations.ava.AvaGroundTruthRow;
import io.x3dava.annotations.ava.AvaProposalRow;
import io.x3dava.annotations.ava.AvaTime;
import io.x3dava.annotations.ava.Keyframe;
import io.x3dava.proposals.InferenceBoxes;
import io.x3dava.proposals.LabeledPersonBox;
import io.x3dava.proposals.PersonBox;
import io.x3dava.proposals.ProposalSet;
import io.x3dava.proposals.TrainingBoxes;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/** Builds the keyframe samples of AVA training and inference from the release files and the proposal files. */
public final class AvaDatasets {

    private AvaDatasets() {
    }

    /** Training keyframes with every labelled proposal kept (score threshold 0). */
    public static List<AvaSample> training(Path groundTruth, Path proposals, AvaVideos videos) throws IOException {
        return training(groundTruth, proposals, 0.0, TrainingBoxes.DEFAULT_IOU_THRESHOLD, videos);
    }

    /**
     * Training keyframes. A proposal file that carries labels (PySlowFast's
     * {@code ava_detection_train_boxes_and_labels_include_negative_v2.2.csv}) is used as PySlowFast uses it
     * (ava_helper.load_boxes_and_labels): its boxes with score >= {@code minScore} join the ground-truth boxes with the
     * file's labels, a box whose only label is empty or -1 is a negative (all-zero target), and keyframes outside
     * 902..1798 are dropped. Plain proposals (no labels: pickles, detect-proposals output) follow the paper (section
     * 5): ground-truth boxes plus proposals with IoU > {@code minIou} (0.9) to one of them, labelled as that box.
     */
    public static List<AvaSample> training(Path groundTruth, Path proposals, double minScore, double minIou,
                                           AvaVideos videos)
            throws IOException {
        videos.requireRoot();
        List<AvaGroundTruthRow> gt = AvaCsv.readGroundTruth(groundTruth);
        List<AvaProposalRow> labelled = proposals == null ? List.of() : AvaProposalFiles.labelledRows(proposals);
        SortedMap<Keyframe, List<LabeledPersonBox>> boxes = labelled.isEmpty()
                ? TrainingBoxes.build(gt, proposals == null ? ProposalSet.of(List.of())
                        : AvaProposalFiles.read(proposals, 0.0), minIou)
                : withFileLabels(gt, labelled, minScore);
        List<AvaSample> out = new ArrayList<>();
        for (Map.Entry<Keyframe, List<LabeledPersonBox>> e : boxes.entrySet()) {
            Keyframe k = e.getKey();
            List<AvaTarget> targets = new ArrayList<>();
            for (LabeledPersonBox b : e.getValue()) {
                targets.add(new AvaTarget(b.box(), new ArrayList<>(new TreeSet<>(b.actionIds())), 1.0));
            }
            out.add(new AvaSample(k, videos.locate(k.videoId()), videos.videoSeconds(k.timestamp()), targets));
        }
        return out;
    }

    /** Ground-truth rows and labelled proposal rows merged per keyframe by box, first-seen order kept. */
    static SortedMap<Keyframe, List<LabeledPersonBox>> withFileLabels(List<AvaGroundTruthRow> gt,
                                                                       List<AvaProposalRow> rows, double minScore) {
        SortedMap<Keyframe, Map<AvaBox, Set<Integer>>> byKeyframe = new TreeMap<>();
        Map<Keyframe, Set<AvaBox>> gtBoxes = new LinkedHashMap<>();
        for (AvaGroundTruthRow r : gt) {
            add(byKeyframe, r.keyframe(), r.box(), r.actionId());
            gtBoxes.computeIfAbsent(r.keyframe(), k -> new java.util.HashSet<>()).add(r.box());
        }
        for (AvaProposalRow r : rows) {
            if (r.score() >= minScore) {
                add(byKeyframe, r.keyframe(), r.box(), r.actionId());
            }
        }
        SortedMap<Keyframe, List<LabeledPersonBox>> out = new TreeMap<>();
        byKeyframe.forEach((k, boxes) -> {
            if (AvaTime.isAnnotated(k.timestamp())) {
                Set<AvaBox> truth = gtBoxes.getOrDefault(k, Set.of());
                List<LabeledPersonBox> list = new ArrayList<>();
                boxes.forEach((box, actions) -> list.add(new LabeledPersonBox(box, actions, truth.contains(box))));
                out.put(k, List.copyOf(list));
            }
        });
        return out;
    }

    private static void add(SortedMap<Keyframe, Map<AvaBox, Set<Integer>>> m, Keyframe k, AvaBox box, int action) {
        Set<Integer> actions = m.computeIfAbsent(k, x -> new LinkedHashMap<>())
                .computeIfAbsent(box, b -> new java.util.LinkedHashSet<>());
        if (action > 0) {
            actions.add(action);
        }
    }

    /**
     * Inference keyframes: every keyframe of the ground truth (or of the proposals when no ground truth is given) with
     * its proposals scoring at least {@code minScore} (0.8 in the paper).
     */
    public static List<AvaSample> inference(Path proposals, Path groundTruth, double minScore, AvaVideos videos)
            throws IOException {
        videos.requireRoot();
        ProposalSet props = AvaProposalFiles.read(proposals, minScore);
        java.util.Collection<Keyframe> keyframes = groundTruth == null ? props.keyframes()
                : new TreeSet<>(AvaCsv.readGroundTruth(groundTruth).stream().map(AvaGroundTruthRow::keyframe)
                        .toList());
        List<AvaSample> out = new ArrayList<>();
        for (Map.Entry<Keyframe, List<PersonBox>> e : InferenceBoxes.forKeyframes(props, keyframes, minScore)
                .entrySet()) {
            Keyframe k = e.getKey();
            List<AvaTarget> targets = e.getValue().stream()
                    .map(b -> new AvaTarget(b.box(), List.of(), b.score())).toList();
            out.add(new AvaSample(k, videos.locate(k.videoId()), videos.videoSeconds(k.timestamp()), targets));
        }
        return out;
    }
}
