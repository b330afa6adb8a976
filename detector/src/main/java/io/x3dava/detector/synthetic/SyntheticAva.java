package io.x3dava.detector.synthetic;

import io.x3dava.annotations.ava.AvaBox;
import io.x3dava.annotations.ava.AvaCsv;
import io.x3dava.annotations.ava.AvaExclusions;
import io.x3dava.annotations.ava.AvaGroundTruthRow;
import io.x3dava.annotations.ava.AvaProposalRow;
import io.x3dava.annotations.ava.AvaTime;
import io.x3dava.annotations.ava.Keyframe;
import io.x3dava.annotations.ava.LabelMap;
import io.x3dava.annotations.ava.LabelMapEntry;
import io.x3dava.backbone.synthetic.MotionActors;
import io.x3dava.backbone.synthetic.MotionLabels;
import io.x3dava.backbone.synthetic.Actor;
import io.x3dava.backbone.synthetic.SyntheticVideos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The AVA-format part of the generated data set: "cut clips" whose second 0 is movie second 900 (as AVA's 15-minute
 * clips), each with several actors doing a motion action (label-map ids 1..4 = static, sideways, vertical, pulse),
 * ground truth at 1 Hz keyframes, a label map, excluded timestamps, and SlowFast-format proposals made of jittered
 * ground-truth boxes (scores 0.8..1) plus false positives (scores below 0.8).
 */
public final class SyntheticAva {

    /** File names as the AVA v2.2 release and SlowFast's proposal files use them. */
    public record Layout(Path root, Path videos, Path trainGt, Path valGt, Path labelMap, Path valExcluded,
                         Path trainProposals, Path valProposals) {

        public static Layout at(Path root) {
            return new Layout(root, root.resolve("videos"), root.resolve("ava_train_v2.2.csv"),
                    root.resolve("ava_val_v2.2.csv"), root.resolve("ava_action_list_v2.2_for_activitynet_2019.pbtxt"),
                    root.resolve("ava_val_excluded_timestamps_v2.2.csv"),
                    root.resolve("ava_detection_train_boxes_and_labels_include_negative_v2.2.csv"),
                    root.resolve("ava_detection_val_boxes_and_labels.csv"));
        }
    }

    /** First keyframe second of every clip (AVA keyframes start at 902). */
    public static final int FIRST_KEYFRAME = AvaTime.FIRST_KEYFRAME;

    private SyntheticAva() {
    }

    /**
     * @param keyframes keyframes per video (902, 903, ...); the video lasts keyframes + 3 seconds
     */
    public static Layout write(Path root, int trainVideos, int valVideos, int actorsPerVideo, int keyframes, int size,
                               long seed) throws IOException {
        Layout l = Layout.at(root);
        Files.createDirectories(l.videos());
        List<LabelMapEntry> entries = new ArrayList<>();
        for (int c = 0; c < MotionLabels.count(); c++) {
            entries.add(new LabelMapEntry(c + 1, MotionLabels.NAMES.get(c), "PERSON_MOVEMENT"));
        }
        new LabelMap(entries).write(l.labelMap());
        SplittableRandom rnd = new SplittableRandom(seed);
        List<AvaGroundTruthRow> trainGt = new ArrayList<>();
        List<AvaGroundTruthRow> valGt = new ArrayList<>();
        List<AvaProposalRow> trainProp = new ArrayList<>();
        List<AvaProposalRow> valProp = new ArrayList<>();
        Set<Keyframe> excluded = new java.util.TreeSet<>();
        int frames = (int) Math.round((keyframes + 3) * AvaTime.FPS);
        for (int v = 0; v < trainVideos + valVideos; v++) {
            boolean train = v < trainVideos;
            String vid = String.format("syn_ava_%s%03d", train ? "t" : "v", v);
            List<Actor> actors = new ArrayList<>();
            for (int a = 0; a < actorsPerVideo; a++) {
                double x0 = (double) a / actorsPerVideo;
                int motion = MotionLabels.motionFor(rnd.nextInt(MotionLabels.count()), rnd);
                actors.add(MotionActors.inBand(motion, x0, x0 + 1.0 / actorsPerVideo, rnd));
            }
            Path file = l.videos().resolve(vid + ".mp4");
            if (!Files.isRegularFile(file)) {
                Path tmp = l.videos().resolve("." + vid + ".tmp.mp4");
                SyntheticVideos.writeVideo(tmp, actors, size, size, frames, AvaTime.FPS, rnd.nextLong());
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } else {
                rnd.nextLong();
            }
            for (int k = 0; k < keyframes; k++) {
                int second = FIRST_KEYFRAME + k;
                Keyframe kf = new Keyframe(vid, second);
                int frame = (int) AvaTime.STANDARD.frameIndex(second);
                List<SyntheticVideos.Box> boxes = SyntheticVideos.boxesAt(actors, frame);
                for (int a = 0; a < actors.size(); a++) {
                    SyntheticVideos.Box b = boxes.get(a);
                    AvaBox box = new AvaBox(b.x1(), b.y1(), b.x2(), b.y2());
                    (train ? trainGt : valGt).add(new AvaGroundTruthRow(kf, box,
                            MotionLabels.labelOf(actors.get(a).motionClass()) + 1, a));
                    (train ? trainProp : valProp).add(new AvaProposalRow(kf, jitter(box, 0.04, rnd), 0,
                            0.8 + 0.2 * rnd.nextDouble()));
                }
                if (rnd.nextDouble() < 0.3) {
                    (train ? trainProp : valProp).add(new AvaProposalRow(kf, randomBox(rnd), 0,
                            0.3 + 0.49 * rnd.nextDouble()));
                }
                if (!train && k == keyframes - 1 && v % 4 == 0) {
                    excluded.add(kf);
                }
            }
        }
        AvaCsv.writeGroundTruth(l.trainGt(), trainGt);
        AvaCsv.writeGroundTruth(l.valGt(), valGt);
        AvaCsv.writeProposals(l.trainProposals(), trainProp);
        AvaCsv.writeProposals(l.valProposals(), valProp);
        AvaExclusions.write(l.valExcluded(), excluded);
        return l;
    }

    private static AvaBox jitter(AvaBox b, double amount, SplittableRandom rnd) {
        double w = b.x2() - b.x1();
        double h = b.y2() - b.y1();
        return clamp(b.x1() + w * amount * (2 * rnd.nextDouble() - 1), b.y1() + h * amount * (2 * rnd.nextDouble() - 1),
                b.x2() + w * amount * (2 * rnd.nextDouble() - 1), b.y2() + h * amount * (2 * rnd.nextDouble() - 1));
    }

    private static AvaBox randomBox(SplittableRandom rnd) {
        double x = rnd.nextDouble() * 0.7;
        double y = rnd.nextDouble() * 0.7;
        return clamp(x, y, x + 0.15 + 0.15 * rnd.nextDouble(), y + 0.15 + 0.15 * rnd.nextDouble());
    }

    private static AvaBox clamp(double x1, double y1, double x2, double y2) {
        return new AvaBox(Math.max(0, x1), Math.max(0, y1), Math.min(1, x2), Math.min(1, y2));
    }
}
