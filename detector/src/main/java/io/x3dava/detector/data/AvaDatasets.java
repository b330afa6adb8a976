package io.x3dava.detector.data;

import io.x3dava.annotations.ava.AvaCsv;
import io.x3dava.annotations.ava.AvaGroundTruthRow;
import io.x3dava.annotations.ava.Keyframe;
import io.x3dava.proposals.InferenceBoxes;
import io.x3dava.proposals.LabeledPersonBox;
import io.x3dava.proposals.PersonBox;
import io.x3dava.proposals.ProposalSet;
import io.x3dava.proposals.SlowFastProposals;
import io.x3dava.proposals.TrainingBoxes;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Builds the keyframe samples of AVA training and inference from the release files and the proposal files. */
public final class AvaDatasets {

    private AvaDatasets() {
    }

    /**
     * Training keyframes: ground-truth boxes with their actions plus proposals with IoU > 0.9 to a ground-truth box
     * (labelled as that box), paper section 5.
     */
    public static List<AvaSample> training(Path groundTruth, Path proposals, AvaVideos videos) throws IOException {
        return training(groundTruth, proposals, TrainingBoxes.DEFAULT_IOU_THRESHOLD, videos);
    }

    /** As {@link #training(Path, Path, AvaVideos)} with the proposals' IoU threshold given. */
    public static List<AvaSample> training(Path groundTruth, Path proposals, double minIou, AvaVideos videos)
            throws IOException {
        videos.requireRoot();
        List<AvaGroundTruthRow> gt = AvaCsv.readGroundTruth(groundTruth);
        ProposalSet props = proposals == null ? ProposalSet.of(List.of()) : SlowFastProposals.read(proposals, 0.0);
        List<AvaSample> out = new ArrayList<>();
        for (Map.Entry<Keyframe, List<LabeledPersonBox>> e : TrainingBoxes.build(gt, props, minIou).entrySet()) {
            Keyframe k = e.getKey();
            List<AvaTarget> targets = new ArrayList<>();
            for (LabeledPersonBox b : e.getValue()) {
                targets.add(new AvaTarget(b.box(), new ArrayList<>(new TreeSet<>(b.actionIds())), 1.0));
            }
            out.add(new AvaSample(k, videos.locate(k.videoId()), videos.videoSeconds(k.timestamp()), targets));
        }
        return out;
    }

    /**
     * Inference keyframes: every keyframe of the ground truth (or of the proposals when no ground truth is given) with
     * its proposals scoring at least {@code minScore} (0.8 in the paper).
     */
    public static List<AvaSample> inference(Path proposals, Path groundTruth, double minScore, AvaVideos videos)
            throws IOException {
        videos.requireRoot();
        ProposalSet props = SlowFastProposals.read(proposals, minScore);
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
