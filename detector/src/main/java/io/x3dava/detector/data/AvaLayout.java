package io.x3dava.detector.data;

import io.x3dava.annotations.ava.AvaFrameLists;
import io.x3dava.annotations.ava.AvaTime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The files of an AVA folder as PySlowFast (DATASET.md, ava_helper.py), MMAction2 (tools/data/ava) or the cut-clip
 * layout leave them, found by looking: the annotation files in {@code annotations/} or the top folder, SlowFast's
 * proposals also in {@code annotations/person_box_67091280_iou90/}, frames in {@code frames/} or {@code rawframes/}
 * (their naming read from the frame list or the first folder), cut clips in {@code videos_15min/} or {@code videos/}.
 * A file that is not found keeps the first name looked for, so that messages say what was expected.
 */
public record AvaLayout(AvaLayoutKind kind, Path root, Path annotations, String version, AvaVideos videos,
                        Path labelMap, Path fullLabelMap, Path trainGt, Path valGt, Path trainExcluded,
                        Path valExcluded, Path trainProposals, Path valProposals, Path trainFrameList,
                        Path valFrameList) {

    /** SlowFast's release folder of the person-box files. */
    public static final String SLOWFAST_BOXES_DIR = "person_box_67091280_iou90";

    /** One file or folder of the layout, for the report. */
    public record Item(String role, Path path, boolean required) {
        public boolean found() {
            return Files.exists(path);
        }
    }

    public static AvaLayout detect(AvaLayoutQuery q) throws IOException {
        Path root = q.root();
        if (root != null && !Files.isDirectory(root)) {
            throw new IOException(root + ": AVA folder not found");
        }
        Path ann = q.annotations() != null ? q.annotations()
                : root != null && Files.isDirectory(root.resolve("annotations")) ? root.resolve("annotations") : root;
        if (ann == null) {
            throw new IllegalArgumentException("give --ava folder or --annotations folder");
        }
        List<Path> dirs = dirs(ann, ann.resolve(SLOWFAST_BOXES_DIR), root);
        String v = q.version() != null ? q.version() : version(dirs);
        Path labelMap = find(dirs, "ava_action_list_v" + v + "_for_activitynet_2019.pbtxt",
                "ava_action_list_v" + v + "_for_activitynet_2018.pbtxt", "ava_action_list_v" + v + ".pbtxt");
        Path fullLabelMap = find(dirs, "ava_action_list_v" + v + ".pbtxt");
        Path trainGt = find(dirs, "ava_train_v" + v + ".csv");
        Path valGt = find(dirs, "ava_val_v" + v + ".csv");
        Path trainExcluded = find(dirs, "ava_train_excluded_timestamps_v" + v + ".csv");
        Path valExcluded = find(dirs, "ava_val_excluded_timestamps_v" + v + ".csv",
                "ava_val_excluded_timestamps.csv");
        Path trainProposals = q.trainProposals() != null ? q.trainProposals() : find(dirs,
                "ava_detection_train_boxes_and_labels_include_negative_v" + v + ".csv",
                "ava_detection_train_boxes_and_labels_include_negative.csv",
                "ava_detection_train_boxes_and_labels.csv", "ava_train_predicted_boxes.csv",
                "ava_dense_proposals_train.FAIR.recall_93.9.pkl");
        Path valProposals = q.valProposals() != null ? q.valProposals() : find(dirs,
                "ava_detection_val_boxes_and_labels.csv", "ava_detection_val_boxes_and_labels_v" + v + ".csv",
                "ava_val_predicted_boxes.csv", "ava_dense_proposals_val.FAIR.recall_93.9.pkl");
        Path lists = root == null ? ann.resolve("frame_lists") : root.resolve("frame_lists");
        Path trainList = lists.resolve("train.csv");
        Path valList = lists.resolve("val.csv");
        double offset = q.offsetSeconds() != null ? q.offsetSeconds() : AvaTime.OFFSET_SECONDS;

        Path media = q.framesDir() != null ? q.framesDir()
                : firstDir(root, "frames", "rawframes", "videos_15min", "videos");
        AvaTime time = AvaTime.withOffset(offset);
        AvaLayoutKind kind;
        AvaVideos videos;
        if (media != null && (q.frameTemplate() != null || hasSubfolders(media))) {
            FrameTemplate t = q.frameTemplate() != null ? new FrameTemplate(q.frameTemplate())
                    : template(media, trainList, valList);
            videos = new AvaVideos(media, t, time);
            kind = Files.isRegularFile(trainList) || Files.isRegularFile(valList)
                    || t.template().endsWith("{vid}_%06d.jpg") ? AvaLayoutKind.PYSLOWFAST : AvaLayoutKind.MMACTION2;
        } else {
            videos = new AvaVideos(media != null ? media
                    : root != null ? root.resolve("videos_15min") : ann.resolve("videos_15min"), null, time);
            kind = AvaLayoutKind.CUT_CLIPS;
        }
        return new AvaLayout(kind, root, ann, v, videos, labelMap, fullLabelMap, trainGt, valGt, trainExcluded,
                valExcluded, trainProposals, valProposals, trainList, valList);
    }

    /** Everything looked for, in the order a user reads it. */
    public List<Item> items() {
        List<Item> out = new ArrayList<>();
        out.add(new Item(videos.template() != null ? "frames" : "cut clips", videos.root(), true));
        out.add(new Item("label map", labelMap, true));
        out.add(new Item("full label map", fullLabelMap, false));
        out.add(new Item("train ground truth", trainGt, true));
        out.add(new Item("val ground truth", valGt, true));
        out.add(new Item("val excluded timestamps", valExcluded, true));
        out.add(new Item("train excluded timestamps", trainExcluded, false));
        out.add(new Item("train proposals", trainProposals, true));
        out.add(new Item("val proposals", valProposals, true));
        if (kind == AvaLayoutKind.PYSLOWFAST) {
            out.add(new Item("train frame list", trainFrameList, false));
            out.add(new Item("val frame list", valFrameList, false));
        }
        return out;
    }

    /** A few lines: the layout, then found / missing per file. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append("AVA layout: ").append(kind.label()).append(" in ").append(root != null ? root : annotations)
                .append(" (annotations v").append(version).append(", ");
        sb.append(videos.template() != null ? "frames " + videos.template() : "cut clips")
                .append(", videos start at movie second ").append(fmt(videos.time().offsetSeconds())).append(")\n");
        for (Item i : items()) {
            sb.append(String.format("  %-8s %-26s %s%n", i.found() ? "found" : i.required() ? "MISSING" : "absent",
                    i.role(), display(i.path())));
        }
        return sb.toString();
    }

    private String display(Path p) {
        Path base = root != null ? root : annotations;
        String s = base != null && p.startsWith(base) ? base.relativize(p).toString() : p.toString();
        return s.isEmpty() ? "." : s;
    }

    private static String fmt(double seconds) {
        return seconds == Math.rint(seconds) ? String.valueOf((long) seconds) : String.valueOf(seconds);
    }

    private static List<Path> dirs(Path... candidates) {
        Set<Path> out = new LinkedHashSet<>();
        for (Path p : candidates) {
            if (p != null) {
                out.add(p);
            }
        }
        return List.copyOf(out);
    }

    /** 2.2 unless only 2.1 files are there. */
    private static String version(List<Path> dirs) {
        for (String v : List.of("2.2", "2.1")) {
            for (Path d : dirs) {
                if (Files.isRegularFile(d.resolve("ava_train_v" + v + ".csv"))
                        || Files.isRegularFile(d.resolve("ava_val_v" + v + ".csv"))) {
                    return v;
                }
            }
        }
        return "2.2";
    }

    private static Path find(List<Path> dirs, String... names) {
        for (String n : names) {
            for (Path d : dirs) {
                if (Files.isRegularFile(d.resolve(n))) {
                    return d.resolve(n);
                }
            }
        }
        return dirs.get(0).resolve(names[0]);
    }

    private static Path firstDir(Path root, String... names) {
        if (root == null) {
            return null;
        }
        for (String n : names) {
            if (Files.isDirectory(root.resolve(n))) {
                return root.resolve(n);
            }
        }
        return null;
    }

    private static boolean hasSubfolders(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.anyMatch(Files::isDirectory);
        }
    }

    /** The naming of the frame list's first path, else of the first video folder's frames, else PySlowFast's. */
    private static FrameTemplate template(Path frames, Path... lists) throws IOException {
        for (Path list : lists) {
            if (Files.isRegularFile(list)) {
                AvaFrameLists.Video first = AvaFrameLists.first(list);
                Optional<FrameTemplate> t = FrameTemplate.fromExample(first.videoId(), first.firstPath());
                if (t.isPresent()) {
                    return t.get();
                }
            }
        }
        try (Stream<Path> s = Files.list(frames)) {
            Optional<Path> folder = s.filter(Files::isDirectory).sorted().findFirst();
            if (folder.isPresent()) {
                Optional<FrameTemplate> t = FrameTemplate.detect(folder.get());
                if (t.isPresent()) {
                    return t.get();
                }
            }
        }
        return frames.getFileName() != null && frames.getFileName().toString().equals("rawframes")
                ? FrameTemplate.MMACTION2 : FrameTemplate.PYSLOWFAST;
    }
}
