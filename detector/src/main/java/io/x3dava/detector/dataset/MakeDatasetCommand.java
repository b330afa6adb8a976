package io.x3dava.detector.dataset;

import io.x3dava.annotations.ava.AvaCsv;
import io.x3dava.annotations.ava.AvaExclusions;
import io.x3dava.annotations.ava.AvaFrameLists;
import io.x3dava.annotations.ava.AvaGroundTruthRow;
import io.x3dava.annotations.ava.AvaProposalRow;
import io.x3dava.annotations.ava.AvaTime;
import io.x3dava.annotations.ava.Keyframe;
import io.x3dava.annotations.ava.LabelMap;
import io.x3dava.annotations.command.OutputPaths;
import io.x3dava.backbone.synthetic.OutputFolder;
import io.x3dava.backbone.video.VideoFiles;
import io.x3dava.detector.data.FrameTemplate;
import io.x3dava.proposals.detect.DetectorSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The user's videos and ground truth as an AVA folder. */
@Command(name = "make-dataset", mixinStandardHelpOptions = true,
        description = {"Lay out your videos and ground truth (from annotate or import-cvat) as an AVA folder in "
                + "PySlowFast's layout, which check-ava, train-ava and detect-ava read as they read AVA: frames/ at "
                + "30 fps with frame_lists/, annotations/ with train/val CSVs split by video, the label map, person "
                + "proposals (their recall is printed) and empty excluded timestamps.",
                "Timestamps become AVA movie seconds (video second t -> 900 + t); AVA trains on keyframes 902..1798, "
                + "so seconds 0-1 and past 898 of a video are not trained on (counted in the summary)."})
public final class MakeDatasetCommand implements Callable<Integer> {
    private static final double INFERENCE_SCORE = 0.8;
    private static final String V = "2.2";

    @Option(names = "--videos", required = true, description = "folder of your videos (<video_id>.mp4, any container "
            + "FFmpeg opens)")
    Path videos;

    @Option(names = "--gt", required = true, description = "ground-truth CSV of your videos (AVA format)")
    Path gt;

    @Option(names = "--gt-val", description = "ground truth of the val videos (default: --val-fraction of the --gt "
            + "videos)")
    Path gtVal;

    @Option(names = "--val-fraction", defaultValue = "0.2", description = "share of the videos held out for val")
    double valFraction;

    @Option(names = "--labelmap", required = true, description = "label map (.pbtxt) of your actions")
    Path labelMap;

    @Option(names = "--out", required = true, description = "AVA folder to write")
    Path out;

    @Option(names = "--gt-offset", defaultValue = "0", description = "timestamp of a video's start in the CSVs "
            + "(0: seconds from the start, as annotate and import-cvat write them)")
    int gtOffset;

    @Option(names = "--proposals", defaultValue = "DETECTOR", description = "person boxes for training and "
            + "detection: DETECTOR (the --detector on every keyframe) or GT (the ground-truth boxes, to measure actions"
            + " alone)")
    ProposalSource proposals;

    @Option(names = "--detector", defaultValue = "hog", description = "person detector: " + DetectorSpec.HELP)
    String detector;

    @Option(names = "--short-side", defaultValue = "0", description = "resize frames to this short side (0: native)")
    int shortSide;

    @Option(names = "--seed", defaultValue = "0", description = "seed of the video split")
    long seed;

    @Option(names = "--force", description = "write into a folder that is not empty")
    boolean force;

    @Override
    public Integer call() throws Exception {
        if (!(valFraction > 0 && valFraction < 1)) {
            throw new IllegalArgumentException("--val-fraction must be in (0, 1), got " + valFraction);
        }
        if (shortSide < 0) {
            throw new IllegalArgumentException("--short-side must be >= 0, got " + shortSide);
        }
        // the output and the video folder are checked before the CSVs are read and split
        OutputPaths.requireFolder(out);
        OutputFolder.requireEmpty(out, force);
        VideoFiles.in(videos);
        DetectorSpec spec = proposals == ProposalSource.DETECTOR ? DetectorSpec.parse(detector) : null;
        LabelMap map = LabelMap.read(labelMap);
        List<AvaGroundTruthRow> rows = AvaCsv.readGroundTruth(gt);
        List<AvaGroundTruthRow> valRows = gtVal == null ? List.of() : AvaCsv.readGroundTruth(gtVal);
        requireKnownActions(gt, rows, map);
        requireKnownActions(gtVal, valRows, map);
        Set<String> ids = new TreeSet<>();
        rows.forEach(r -> ids.add(r.keyframe().videoId()));
        if (ids.isEmpty()) {
            throw new IllegalArgumentException(gt + ": no ground-truth rows");
        }
        VideoSplit split;
        List<AvaGroundTruthRow> train;
        List<AvaGroundTruthRow> val;
        if (gtVal != null) {
            Set<String> valIds = new TreeSet<>();
            valRows.forEach(r -> valIds.add(r.keyframe().videoId()));
            if (valIds.isEmpty()) {
                throw new IllegalArgumentException(gtVal + ": no ground-truth rows");
            }
            Set<String> both = new TreeSet<>(valIds);
            both.retainAll(ids);
            if (!both.isEmpty()) {
                throw new IllegalArgumentException(gtVal + ": videos " + both + " are also in " + gt
                        + " (train and val must not share videos)");
            }
            split = new VideoSplit(List.copyOf(ids), List.copyOf(valIds));
            train = rows;
            val = valRows;
        } else {
            split = VideoSplit.byFraction(ids, valFraction, seed);
            train = rows.stream().filter(r -> split.train().contains(r.keyframe().videoId())).toList();
            val = rows.stream().filter(r -> split.val().contains(r.keyframe().videoId())).toList();
        }
        Map<String, Path> files = locate(split);

        long t0 = System.nanoTime();
        Path frames = out.resolve("frames");
        Path ann = Files.createDirectories(out.resolve("annotations"));
        LinkedHashMap<String, Integer> trainCounts = new LinkedHashMap<>();
        LinkedHashMap<String, Integer> valCounts = new LinkedHashMap<>();
        for (String vid : split.train()) {
            trainCounts.put(vid, FrameExtraction.extract(files.get(vid), frames, FrameTemplate.PYSLOWFAST, vid,
                    shortSide));
        }
        for (String vid : split.val()) {
            valCounts.put(vid, FrameExtraction.extract(files.get(vid), frames, FrameTemplate.PYSLOWFAST, vid,
                    shortSide));
        }
        AvaFrameLists.write(out.resolve("frame_lists/train.csv"), trainCounts, FrameTemplate.PYSLOWFAST.template());
        AvaFrameLists.write(out.resolve("frame_lists/val.csv"), valCounts, FrameTemplate.PYSLOWFAST.template());
        double extractSeconds = (System.nanoTime() - t0) / 1e9;

        int[] outside = new int[1];
        List<AvaGroundTruthRow> trainAva = toMovieTime(gt, train, trainCounts, outside);
        List<AvaGroundTruthRow> valAva = toMovieTime(gtVal != null ? gtVal : gt, val, valCounts, outside);
        AvaCsv.writeGroundTruth(ann.resolve("ava_train_v" + V + ".csv"), trainAva);
        AvaCsv.writeGroundTruth(ann.resolve("ava_val_v" + V + ".csv"), valAva);
        map.write(ann.resolve("ava_action_list_v" + V + "_for_activitynet_2019.pbtxt"));
        AvaExclusions.write(ann.resolve("ava_val_excluded_timestamps_v" + V + ".csv"), List.of());

        long t1 = System.nanoTime();
        List<AvaProposalRow> trainProps;
        List<AvaProposalRow> valProps;
        int movieOffset = (int) AvaTime.OFFSET_SECONDS;
        if (spec == null) {
            trainProps = KeyframeProposals.fromGroundTruth(trainAva);
            valProps = KeyframeProposals.fromGroundTruth(valAva);
        } else {
            trainProps = KeyframeProposals.detect(spec, trainAva, files, movieOffset);
            valProps = KeyframeProposals.detect(spec, valAva, files, movieOffset);
        }
        AvaCsv.writeProposals(ann.resolve("ava_detection_train_boxes_and_labels.csv"), trainProps);
        AvaCsv.writeProposals(ann.resolve("ava_detection_val_boxes_and_labels.csv"), valProps);
        double proposalSeconds = (System.nanoTime() - t1) / 1e9;

        System.out.printf(Locale.ROOT, "AVA folder %s (PySlowFast layout, annotations v%s)%n", out, V);
        System.out.printf(Locale.ROOT, "  train: %d videos, %d keyframes, %d boxes, %d rows%n", split.train().size(),
                keyframes(trainAva), boxes(trainAva), trainAva.size());
        System.out.printf(Locale.ROOT, "  val:   %d videos, %d keyframes, %d boxes, %d rows (videos %s)%n",
                split.val().size(), keyframes(valAva), boxes(valAva), valAva.size(), split.val());
        System.out.printf(Locale.ROOT, "  frames: %d JPEGs at 30 fps in %.1f s%n",
                trainCounts.values().stream().mapToInt(Integer::intValue).sum()
                        + valCounts.values().stream().mapToInt(Integer::intValue).sum(), extractSeconds);
        System.out.printf(Locale.ROOT, "  label map: %d classes (%s)%n", map.size(),
                String.join(", ", map.entries().stream().map(e -> e.id() + " " + e.name()).toList()));
        if (spec == null) {
            System.out.println("  proposals: the ground-truth boxes (score 1)");
        } else {
            System.out.printf(Locale.ROOT, "  proposals: %s on %d keyframes in %.1f s%n", spec, keyframes(trainAva)
                    + keyframes(valAva), proposalSeconds);
            for (String s : List.of("train", "val")) {
                List<AvaGroundTruthRow> g = s.equals("train") ? trainAva : valAva;
                List<AvaProposalRow> p = s.equals("train") ? trainProps : valProps;
                ProposalRecall any = ProposalRecall.of(g, p, 0.0);
                ProposalRecall used = ProposalRecall.of(g, p, INFERENCE_SCORE);
                System.out.printf(Locale.ROOT, "    %-5s recall of ground-truth boxes at IoU 0.5: %.1f%% with score >= "
                        + "%.1f (used for detection), %.1f%% at any score (%d boxes)%n", s, 100 * used.recall(),
                        INFERENCE_SCORE, 100 * any.recall(), any.boxes());
            }
        }
        List<String> absent = map.entries().stream().filter(e -> valAva.stream().noneMatch(r -> r.actionId() == e.id()))
                .map(e -> e.name()).toList();
        if (!absent.isEmpty()) {
            System.out.printf(Locale.ROOT, "  note: no val box of %s: the val mAP leaves %s out (give --gt-val, or "
                    + "another --seed or --val-fraction)%n", absent, absent.size() == 1 ? "it" : "them");
        }
        if (outside[0] > 0) {
            System.out.printf(Locale.ROOT, "  note: %d rows are at video seconds < 2 or > 898, outside AVA's keyframes "
                    + "902..1798: train-ava does not train on them%n", outside[0]);
        }
        System.out.println("next: scripts/x3d-ava check-ava --ava " + out);
        System.out.println("      scripts/x3d-ava train-ava --ava " + out + " --pretrained x3d_s.pyth --out runs/mine");
        return 0;
    }

    private static void requireKnownActions(Path file, List<AvaGroundTruthRow> rows, LabelMap map) {
        for (AvaGroundTruthRow r : rows) {
            if (r.actionId() > 0 && !map.contains(r.actionId())) {
                throw new IllegalArgumentException(file + ": action id " + r.actionId() + " (at "
                        + r.keyframe().imageKey() + ") is not in the label map");
            }
        }
    }

    /** The video file of every id, by name in --videos (any container). */
    private Map<String, Path> locate(VideoSplit split) throws IOException {
        Map<String, Path> byId = new LinkedHashMap<>();
        for (Path p : VideoFiles.in(videos)) {
            byId.putIfAbsent(VideoFiles.videoId(p), p);
        }
        Map<String, Path> out = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String vid : concat(split)) {
            Path p = byId.get(vid);
            if (p == null) {
                missing.add(vid);
            } else {
                out.put(vid, p);
            }
        }
        if (!missing.isEmpty()) {
            throw new IOException(videos + ": no video file for " + missing + " (expected <video_id>.mp4 or another "
                    + "container, named as the ground truth's video ids)");
        }
        return out;
    }

    private static List<String> concat(VideoSplit s) {
        List<String> all = new ArrayList<>(s.train());
        all.addAll(s.val());
        return all;
    }

    /** Rows in movie seconds (900 + video second), checked against the frames written. */
    private List<AvaGroundTruthRow> toMovieTime(Path file, List<AvaGroundTruthRow> rows, Map<String, Integer> counts,
                                                int[] outside) {
        List<AvaGroundTruthRow> out = new ArrayList<>();
        for (AvaGroundTruthRow r : rows) {
            int second = r.keyframe().timestamp() - gtOffset;
            int n = counts.get(r.keyframe().videoId());
            if (second < 0 || Math.round(second * FrameExtraction.FPS) >= n) {
                throw new IllegalArgumentException(file + ": " + r.keyframe().imageKey() + " is at second " + second
                        + " of a video of " + String.format(Locale.ROOT, "%.2f", n / FrameExtraction.FPS)
                        + " s (is --gt-offset right?)");
            }
            int movie = (int) AvaTime.OFFSET_SECONDS + second;
            outside[0] += AvaTime.isAnnotated(movie) ? 0 : 1;
            out.add(new AvaGroundTruthRow(new Keyframe(r.keyframe().videoId(), movie), r.box(), r.actionId(),
                    r.personId()));
        }
        return out;
    }

    private static int keyframes(List<AvaGroundTruthRow> rows) {
        return (int) rows.stream().map(AvaGroundTruthRow::keyframe).distinct().count();
    }

    private static int boxes(List<AvaGroundTruthRow> rows) {
        return (int) rows.stream().map(r -> r.keyframe().imageKey() + r.box()).distinct().count();
    }

}
