package io.x3dava.detector.check;

import io.x3dava.annotations.ava.AvaBox;
import io.x3dava.annotations.ava.AvaCsv;
import io.x3dava.annotations.ava.AvaExclusions;
import io.x3dava.annotations.ava.AvaFrameLists;
import io.x3dava.annotations.ava.AvaGroundTruthRow;
import io.x3dava.annotations.ava.AvaTime;
import io.x3dava.annotations.ava.Keyframe;
import io.x3dava.annotations.ava.LabelMap;
import io.x3dava.backbone.video.ClipSpec;
import io.x3dava.backbone.video.FrameSource;
import io.x3dava.backbone.video.JpegFiles;
import io.x3dava.backbone.video.TemporalSampler;
import io.x3dava.detector.data.AvaLayout;
import io.x3dava.detector.data.AvaProposalFiles;
import io.x3dava.detector.data.AvaVideos;
import io.x3dava.proposals.PersonBox;
import io.x3dava.proposals.ProposalSet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Checks an AVA folder before a run: per split, the videos listed against those present, frames per video against
 * the expected count (the frame list's rows, the cut clip's length at 30 fps, or 27,030 = 901 s x 30 fps), keyframe
 * windows with missing frames (all keyframes, from directory listings) or undecodable frames (a sample, or all), the
 * ground truth per class, the proposals above the threshold and their recall of the ground-truth boxes. Frame counts
 * that differ from the expected ones are what costs AVA users mAP when another ffmpeg extracts the frames (SlowFast
 * #112, MMAction2 #534).
 */
public final class AvaCheck {
    /** Examples kept per kind of problem. */
    private static final int EXAMPLES = 3;

    private final AvaLayout layout;
    private final AvaCheckConfig config;

    public AvaCheck(AvaLayout layout, AvaCheckConfig config) {
        this.layout = layout;
        this.config = config;
    }

    public AvaCheckReport run() throws IOException {
        long t0 = System.nanoTime();
        List<String> problems = new ArrayList<>();
        List<AvaCheckReport.FileStatus> files = new ArrayList<>();
        for (AvaLayout.Item i : layout.items()) {
            files.add(new AvaCheckReport.FileStatus(i.role(), i.path(), i.found(), i.required()));
            if (i.required() && !i.found()) {
                problems.add("missing " + i.role() + ": " + i.path());
            }
        }
        LabelMap labels = Files.isRegularFile(layout.labelMap()) ? LabelMap.read(layout.labelMap()) : null;
        LabelMap full = Files.isRegularFile(layout.fullLabelMap()) ? LabelMap.read(layout.fullLabelMap()) : null;
        List<AvaCheckReport.Split> splits = new ArrayList<>();
        splits.add(split("train", layout.trainGt(), layout.trainProposals(), layout.trainFrameList(),
                layout.trainExcluded(), labels, full, problems));
        splits.add(split("val", layout.valGt(), layout.valProposals(), layout.valFrameList(), layout.valExcluded(),
                labels, full, problems));
        return new AvaCheckReport(layout.kind(), layout.root(), files, splits, problems,
                (System.nanoTime() - t0) / 1e9);
    }

    private AvaCheckReport.Split split(String name, Path gtFile, Path proposalFile, Path frameList, Path excludedFile,
                                       LabelMap labels, LabelMap full, List<String> problems) throws IOException {
        boolean found = Files.isRegularFile(gtFile);
        List<AvaGroundTruthRow> gt = found ? AvaCsv.readGroundTruth(gtFile) : List.of();
        Map<Integer, Integer> perClass = new TreeMap<>();
        Map<Keyframe, Set<AvaBox>> boxes = new TreeMap<>();
        int notEvaluated = 0;
        int unknown = 0;
        Set<Integer> known = new HashSet<>();
        if (full != null) {
            known.addAll(full.ids());
        } else if (labels != null) {
            for (int id = 1; id <= labels.maxId(); id++) {
                known.add(id);
            }
        }
        for (AvaGroundTruthRow r : gt) {
            boxes.computeIfAbsent(r.keyframe(), k -> new LinkedHashSet<>()).add(r.box());
            if (r.actionId() > 0) {
                perClass.merge(r.actionId(), 1, Integer::sum);
                notEvaluated += labels != null && !labels.contains(r.actionId()) ? 1 : 0;
                unknown += !known.isEmpty() && !known.contains(r.actionId()) ? 1 : 0;
            }
        }
        int boxCount = boxes.values().stream().mapToInt(Set::size).sum();
        int outside = (int) boxes.keySet().stream().filter(k -> !AvaTime.isAnnotated(k.timestamp())).count();
        if (unknown > 0) {
            problems.add(name + ": " + unknown + " ground-truth rows have action ids in no label map");
        }

        // Videos: those of the ground truth and of the frame list.
        Map<String, Integer> listed = Files.isRegularFile(frameList) ? frameListRows(frameList) : Map.of();
        Set<String> videoIds = new TreeSet<>(listed.keySet());
        boxes.keySet().forEach(k -> videoIds.add(k.videoId()));
        AvaVideos videos = layout.videos();
        AvaVideos clips = clipsBeside(videos);
        Map<String, FrameInventory> inventories = new LinkedHashMap<>();
        List<AvaCheckReport.VideoFrames> frames = new ArrayList<>();
        List<String> absent = new ArrayList<>();
        List<String> miscounted = new ArrayList<>();
        for (String vid : videoIds) {
            FrameInventory inv;
            String unreadable = null;
            try {
                inv = FrameInventory.of(videos, vid);
            } catch (IOException e) {
                // a clip whose container cannot be opened is a finding, not the end of the check
                inv = FrameInventory.absent();
                unreadable = e.getMessage();
            }
            inventories.put(vid, inv);
            long[] expected = expected(vid, inv, listed, clips);
            String source = expected[1] == 0 ? "--expected-frames" : expected[1] == 1 ? "frame list"
                    : expected[1] == 2 ? "cut clip" : "AVA cut (901 s)";
            AvaCheckReport.VideoFrames vf = new AvaCheckReport.VideoFrames(vid, inv.present() && inv.frames() > 0,
                    inv.frames(), expected[0], inv.holes(), source);
            frames.add(vf);
            if (!vf.present()) {
                absent.add(vid + (boxes.keySet().stream().anyMatch(k -> k.videoId().equals(vid))
                        ? " (has ground truth)" : "") + (unreadable != null ? " (" + unreadable + ")" : ""));
            } else if (!vf.complete()) {
                miscounted.add(vid + ": " + vf.frames() + " of " + vf.expected() + " (" + source + ")"
                        + (vf.holes() > 0 ? ", " + vf.holes() + " missing inside" : ""));
            }
        }
        int present = (int) frames.stream().filter(AvaCheckReport.VideoFrames::present).count();
        if (!absent.isEmpty()) {
            problems.add(name + ": " + absent.size() + " of " + videoIds.size() + " videos have no frames ("
                    + examples(absent) + ")");
        }
        if (!miscounted.isEmpty()) {
            problems.add(name + ": " + miscounted.size() + " videos have other frame counts than expected ("
                    + examples(miscounted) + ")");
        }

        // Keyframe windows: every one against the listing, a sample decoded.
        ClipSpec spec = new ClipSpec(config.numFrames(), config.samplingRate());
        Map<String, Long> expectedOf = new LinkedHashMap<>();
        frames.forEach(f -> expectedOf.put(f.videoId(), f.expected()));
        List<Keyframe> checkable = new ArrayList<>();
        List<String> incomplete = new ArrayList<>();
        int windows = 0;
        for (Keyframe k : boxes.keySet()) {
            FrameInventory inv = inventories.get(k.videoId());
            if (!inv.present() || inv.frames() == 0) {
                continue;
            }
            windows++;
            long[] idx = window(k, inv, expectedOf.get(k.videoId()), spec, videos);
            boolean ok = true;
            for (long i : idx) {
                ok &= inv.has(i + AvaTime.FIRST_FRAME_NUMBER);
            }
            if (ok) {
                checkable.add(k);
            } else {
                incomplete.add(k.imageKey());
            }
        }
        if (!incomplete.isEmpty()) {
            problems.add(name + ": " + incomplete.size() + " of " + windows + " keyframe windows ("
                    + config.numFrames() + " x " + config.samplingRate() + " frames) miss frames ("
                    + examples(incomplete) + ")");
        }
        List<Keyframe> sample = sample(checkable);
        List<String> undecodable = new ArrayList<>();
        for (Keyframe k : sample) {
            String why = decode(k, inventories.get(k.videoId()), expectedOf.get(k.videoId()), spec, videos);
            if (why != null) {
                undecodable.add(k.imageKey() + ": " + why);
            }
        }
        if (!undecodable.isEmpty()) {
            problems.add(name + ": " + undecodable.size() + " of " + sample.size()
                    + " decoded keyframe windows have undecodable frames (" + examples(undecodable) + ")");
        }

        AvaCheckReport.Proposals props = proposals(proposalFile, boxes);
        if (props.found() && !boxes.isEmpty() && props.recall50() < config.minRecall()) {
            problems.add(String.format(java.util.Locale.ROOT,
                    "%s: proposals above %.2f find %.1f%% of the ground-truth boxes at IoU 0.5 (expected at least"
                            + " %.0f%%): %s", name, config.threshold(), 100 * props.recall50(),
                    100 * config.minRecall(), proposalFile));
        }
        Set<Keyframe> excluded = Files.isRegularFile(excludedFile) ? AvaExclusions.read(excludedFile) : Set.of();
        int excludedInGt = (int) excluded.stream().filter(boxes::containsKey).count();
        List<String> shown = new ArrayList<>(incomplete.subList(0, Math.min(EXAMPLES, incomplete.size())));
        shown.addAll(undecodable.subList(0, Math.min(EXAMPLES, undecodable.size())));
        return new AvaCheckReport.Split(name, gtFile, found, gt.size(), boxCount, boxes.size(), perClass,
                notEvaluated, unknown, outside, videoIds.size(), present, frames, windows, incomplete.size(),
                sample.size(), undecodable.size(), shown, props, excluded.size(), excludedInGt);
    }

    /** Frame indices (0-based) of a keyframe's window as the loader takes them, clamped to the expected frames. */
    private static long[] window(Keyframe k, FrameInventory inv, long expected, ClipSpec spec, AvaVideos videos) {
        return TemporalSampler.centered(Math.max(1, expected), inv.fps(), spec, videos.videoSeconds(k.timestamp()));
    }

    /** Null when every frame of the window decodes, else why not. */
    private static String decode(Keyframe k, FrameInventory inv, long expected, ClipSpec spec, AvaVideos videos) {
        long[] idx = window(k, inv, expected, spec, videos);
        if (videos.template() == null && Files.isRegularFile(videos.locate(k.videoId()))) {
            try (FrameSource src = videos.open(k.videoId())) {
                src.read(idx, 0);
                return null;
            } catch (Exception e) {
                return videos.locate(k.videoId()) + ": " + e.getMessage();
            }
        }
        for (long i : new TreeSet<>(java.util.Arrays.stream(idx).boxed().toList())) {
            Path f = videos.template().folder(videos.root(), k.videoId())
                    .resolve(videos.template().fileName(k.videoId(), i + AvaTime.FIRST_FRAME_NUMBER));
            String why = JpegFiles.problem(f);
            if (why != null) {
                return f + ": " + why;
            }
        }
        return null;
    }

    /** Expected frames and where the number comes from: 0 option, 1 frame list, 2 cut clip, 3 AVA's 27,030. */
    private long[] expected(String vid, FrameInventory inv, Map<String, Integer> listed, AvaVideos clips)
            throws IOException {
        if (config.expectedFrames() > 0) {
            return new long[] {config.expectedFrames(), 0};
        }
        if (listed.containsKey(vid)) {
            return new long[] {listed.get(vid), 1};
        }
        if (clips != null && clips.exists(vid)) {
            FrameInventory clip = FrameInventory.of(clips, vid);
            if (clip.present() && clip.frames() > 0) {
                // frames extracted at the folder's rate from a clip of that duration
                return new long[] {Math.round(clip.frames() / clip.fps() * inv.fps()), 2};
            }
        }
        return new long[] {Math.round(AvaTime.CUT_SECONDS * inv.fps()), 3};
    }

    /** For frame folders, the cut clips next to them (videos_15min/ or videos/), if any. */
    private AvaVideos clipsBeside(AvaVideos videos) {
        if (videos.template() == null || layout.root() == null) {
            return null;
        }
        for (String dir : List.of("videos_15min", "videos")) {
            if (Files.isDirectory(layout.root().resolve(dir))) {
                return new AvaVideos(layout.root().resolve(dir), null, videos.time());
            }
        }
        return null;
    }

    private static Map<String, Integer> frameListRows(Path list) throws IOException {
        Map<String, Integer> out = new LinkedHashMap<>();
        AvaFrameLists.read(list).forEach((vid, v) -> out.put(vid, v.rows()));
        return out;
    }

    /** Every checkable keyframe with --full, else up to {@code samples} evenly spaced ones. */
    private List<Keyframe> sample(List<Keyframe> all) {
        if (config.full() || all.size() <= config.samples()) {
            return all;
        }
        List<Keyframe> out = new ArrayList<>();
        for (int i = 0; i < config.samples(); i++) {
            out.add(all.get((int) ((long) i * all.size() / config.samples())));
        }
        return out;
    }

    private AvaCheckReport.Proposals proposals(Path file, Map<Keyframe, Set<AvaBox>> gt) throws IOException {
        if (!Files.isRegularFile(file)) {
            return new AvaCheckReport.Proposals(file, false, config.threshold(), 0, 0, 0, 0, 0, 0);
        }
        ProposalSet set = AvaProposalFiles.read(file, config.threshold());
        int without = 0;
        int hit50 = 0;
        int hit90 = 0;
        int total = 0;
        for (Map.Entry<Keyframe, Set<AvaBox>> e : gt.entrySet()) {
            List<PersonBox> p = set.atKeyframe(e.getKey());
            without += p.isEmpty() ? 1 : 0;
            for (AvaBox b : e.getValue()) {
                double best = 0;
                for (PersonBox q : p) {
                    best = Math.max(best, q.box().iou(b));
                }
                hit50 += best >= 0.5 ? 1 : 0;
                hit90 += best >= 0.9 ? 1 : 0;
                total++;
            }
        }
        int keyframes = set.keyframes().size();
        return new AvaCheckReport.Proposals(file, true, config.threshold(), keyframes, set.size(),
                keyframes == 0 ? 0 : (double) set.size() / keyframes, without,
                total == 0 ? 0 : (double) hit50 / total, total == 0 ? 0 : (double) hit90 / total);
    }

    private static String examples(List<String> items) {
        return String.join("; ", items.subList(0, Math.min(EXAMPLES, items.size())))
                + (items.size() > EXAMPLES ? "; ..." : "");
    }
}
