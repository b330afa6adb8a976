package io.x3dava.backbone.classify;

import io.x3dava.annotations.charades.CharadesCsv;
import io.x3dava.annotations.charades.CharadesVideo;
import io.x3dava.annotations.charades.FrameListEntry;
import io.x3dava.annotations.charades.FrameLists;
import io.x3dava.annotations.kinetics.KineticsClasses;
import io.x3dava.annotations.kinetics.KineticsClip;
import io.x3dava.annotations.kinetics.KineticsCsv;
import io.x3dava.annotations.kinetics.PathLabel;
import io.x3dava.annotations.kinetics.PathLabelList;
import io.x3dava.annotations.kinetics.RawframeList;
import io.x3dava.backbone.video.ListedFrames;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds sample lists from the annotation files users have. Missing videos are kept: the loader skips and counts them. */
public final class ClipDatasets {

    private static final String[] EXTENSIONS = {".mp4", ".mkv", ".webm", ".avi"};

    private ClipDatasets() {
    }

    /**
     * Kinetics as the official CSV (label, youtube_id, time_start, time_end, split) with videos laid out as the
     * downloaders write them: {@code <videoRoot>/<label>/<youtube_id>_<start:06d>_<end:06d>.<ext>} (a flat
     * {@code <videoRoot>/<stem>.<ext>} is accepted too).
     */
    public static List<VideoSample> kinetics(Path csv, Path videoRoot, KineticsClasses classes) throws IOException {
        List<VideoSample> out = new ArrayList<>();
        for (KineticsClip c : KineticsCsv.read(csv)) {
            int label = classes.indexOf(c.label());
            if (label < 0) {
                throw new IOException(csv + ": class \"" + c.label() + "\" of " + c.youtubeId()
                        + " is not in the class list (" + classes.size() + " classes)");
            }
            Path inClassDir = find(videoRoot.resolve(c.label()), c.fileStem());
            Path video = inClassDir != null ? inClassDir : find(videoRoot, c.fileStem());
            if (video == null) {
                video = videoRoot.resolve(c.label()).resolve(c.fileStem() + ".mp4");
            }
            out.add(VideoSample.singleLabel(c.fileStem(), video, label));
        }
        return out;
    }

    /** PySlowFast's Kinetics lists: "path label" per line, paths relative to {@code prefix}. */
    public static List<VideoSample> pathLabels(Path list, Path prefix) throws IOException {
        List<VideoSample> out = new ArrayList<>();
        for (PathLabel p : PathLabelList.read(list)) {
            Path video = prefix.resolve(p.path());
            String name = video.getFileName().toString();
            out.add(VideoSample.singleLabel(name, video, p.label()));
        }
        return out;
    }

    /**
     * MMAction2's rawframe lists ({@code frame_dir total_frames label}, folders relative to {@code prefix}): each
     * folder is read as exactly {@code total_frames} frames, so that a missing frame anywhere, the last ones included,
     * is reported instead of shortening the video.
     */
    public static List<VideoSample> rawframes(Path list, Path prefix) throws IOException {
        List<VideoSample> out = new ArrayList<>();
        for (RawframeList.Entry e : RawframeList.read(list)) {
            Path folder = prefix.resolve(e.frameDir());
            out.add(VideoSample.singleLabel(folder.getFileName().toString(), folder, e.label())
                    .withFrameCount(e.totalFrames()));
        }
        return out;
    }

    /** Charades_v1_{train,test}.csv with videos {@code <videoRoot>/<id>.mp4} (or a frame folder {@code <id>/}). */
    public static List<VideoSample> charades(Path csv, Path videoRoot) throws IOException {
        List<VideoSample> out = new ArrayList<>();
        for (CharadesVideo v : CharadesCsv.read(csv)) {
            Path video = find(videoRoot, v.id());
            if (video == null && Files.isDirectory(videoRoot.resolve(v.id()))) {
                video = videoRoot.resolve(v.id());
            }
            if (video == null) {
                video = videoRoot.resolve(v.id() + ".mp4");
            }
            out.add(VideoSample.multiLabel(v.id(), video, v.actions()));
        }
        return out;
    }

    /**
     * SlowFast's Charades frame lists ({@code frame_lists/train.csv}: original_vido_id video_id frame_id path labels,
     * one row per frame at 24 fps) over frame folders under {@code frameRoot}, read as utils.load_image_lists reads them
     * (slowfast/datasets/utils.py at 287ec00, lines 250-268): a video's rows in file order are its frames, each with
     * its own labels; a clip's targets are the union over its frame range ({@link VideoSample#clipLabels}).
     */
    public static List<VideoSample> charadesFrameLists(Path list, Path frameRoot) throws IOException {
        Map<String, List<FrameListEntry>> byVideo = new LinkedHashMap<>();
        for (FrameListEntry e : FrameLists.read(list)) {
            byVideo.computeIfAbsent(e.originalVideoId(), k -> new ArrayList<>()).add(e);
        }
        List<VideoSample> out = new ArrayList<>();
        for (Map.Entry<String, List<FrameListEntry>> v : byVideo.entrySet()) {
            List<FrameListEntry> rows = v.getValue();
            int[][] labels = new int[rows.size()][];
            List<String> paths = new ArrayList<>(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                FrameListEntry e = rows.get(i);
                labels[i] = e.labels().isEmpty() ? NO_LABELS : e.labels().stream().mapToInt(Integer::intValue).toArray();
                paths.add(e.path());
            }
            out.add(VideoSample.listed(v.getKey(), ListedFrames.of(frameRoot, paths), labels));
        }
        return out;
    }

    /** Shared by the unlabelled frames (most of Charades). */
    private static final int[] NO_LABELS = new int[0];

    private static Path find(Path dir, String stem) {
        for (String ext : EXTENSIONS) {
            Path p = dir.resolve(stem + ext);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

}
