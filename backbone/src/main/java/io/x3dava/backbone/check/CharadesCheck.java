package io.x3dava.backbone.check;

import io.x3dava.annotations.charades.CharadesAction;
import io.x3dava.annotations.charades.CharadesClasses;
import io.x3dava.backbone.classify.ClipDatasets;
import io.x3dava.backbone.classify.VideoSample;
import io.x3dava.backbone.video.FrameFolderSource;
import io.x3dava.backbone.video.FrameSource;
import io.x3dava.backbone.video.FrameSources;
import io.x3dava.backbone.video.JpegFiles;
import io.x3dava.backbone.video.MissingFramePolicy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Checks a Charades folder in both layouts PySlowFast and the Charades release use: {@code frame_lists/{train,val}.csv}
 * over {@code frames/<id>/<id>-%06d.jpg} (row i of a video is its frame i, as utils.load_image_lists reads it) and
 * {@code Charades_v1_{train,test}.csv} over {@code videos/<id>.mp4} or frame folders. Per list: videos listed against
 * those on disk, frames per video against the list (gaps are files the list names that are missing), undecodable
 * JPEGs (every frame of a sample of videos, or of all), labels outside the class list.
 */
public final class CharadesCheck {
    /** Examples kept per kind of finding. */
    private static final int EXAMPLES = 3;

    private final Path root;
    private final int samples;
    private final boolean full;

    /**
     * @param root    the --data folder
     * @param samples videos per list whose frames are all decoded (evenly spaced); every video with {@code full}
     */
    public CharadesCheck(Path root, int samples, boolean full) {
        if (samples < 0) {
            throw new IllegalArgumentException("expected --samples >= 0, got " + samples);
        }
        this.root = root;
        this.samples = samples;
        this.full = full;
    }

    /** The class list every check needs; absent: not a Charades folder (bad input). */
    public Path classList() {
        return root.resolve("Charades_v1_classes.txt");
    }

    public CharadesCheckReport run() throws IOException {
        long t0 = System.nanoTime();
        int classes = CharadesClasses.read(classList()).size();
        List<String> problems = new ArrayList<>();
        List<CharadesCheckReport.Split> splits = new ArrayList<>();
        Path lists = root.resolve("frame_lists");
        for (String name : List.of("train", "val")) {
            Path list = lists.resolve(name + ".csv");
            if (Files.isRegularFile(list)) {
                splits.add(split(name, list, "frame list",
                        ClipDatasets.charadesFrameLists(list, root.resolve("frames")), classes, problems));
            }
        }
        for (String name : List.of("train", "test")) {
            Path csv = root.resolve("Charades_v1_" + name + ".csv");
            if (Files.isRegularFile(csv)) {
                splits.add(split(name, csv, "official CSV", ClipDatasets.charades(csv, root.resolve("videos")),
                        classes, problems));
            }
        }
        if (splits.isEmpty()) {
            throw new IllegalArgumentException(root + ": no frame_lists/train.csv, frame_lists/val.csv, "
                    + "Charades_v1_train.csv or Charades_v1_test.csv; expected a Charades folder");
        }
        return new CharadesCheckReport(root, classes, splits, problems, (System.nanoTime() - t0) / 1e9);
    }

    private CharadesCheckReport.Split split(String name, Path list, String layout, List<VideoSample> videos,
                                            int classes, List<String> problems) throws IOException {
        String where = root.relativize(list).toString();
        List<String> absent = new ArrayList<>();
        List<String> gaps = new ArrayList<>();
        List<String> undecodable = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<String> unlisted = new ArrayList<>();
        int present = 0;
        int withGaps = 0;
        int decodedVideos = 0;
        long listed = 0;
        long missing = 0;
        long notListed = 0;
        long decoded = 0;
        long bad = 0;
        long outside = 0;
        for (int v = 0; v < videos.size(); v++) {
            VideoSample s = videos.get(v);
            outside += labelsOutside(s, classes, where, labels);
            if (!Files.exists(s.video())) {
                absent.add(s.id() + " (" + s.video() + ")");
                continue;
            }
            FrameFolderSource src;
            try {
                src = frames(s);
            } catch (IOException e) {
                absent.add(s.id() + " (" + e.getMessage() + ")");
                continue;
            }
            present++;
            if (src == null) {
                continue; // a video file: its frames are FFmpeg's to count
            }
            listed += src.frameCount();
            List<Path> holes = src.missingFrames();
            missing += holes.size();
            if (!holes.isEmpty()) {
                withGaps++;
                gaps.add(s.id() + ": " + holes.size() + " of " + src.frameCount() + " frames missing, first "
                        + holes.get(0));
            }
            long extra = unlisted(s, src, holes.size());
            if (extra > 0) {
                notListed += extra;
                unlisted.add(s.id() + ": " + extra + " files in " + src.folder() + " that no row names");
            }
            if (full || sampled(v, videos.size())) {
                decodedVideos++;
                for (long i = 0; i < src.frameCount(); i++) {
                    if (!holes.contains(src.path(i))) {
                        decoded++;
                        String why = JpegFiles.problem(src.path(i));
                        if (why != null) {
                            bad++;
                            undecodable.add(src.path(i) + ": " + why);
                        }
                    }
                }
            }
        }
        report(problems, name, where, absent, absent.size() + " of " + videos.size() + " videos listed are not on "
                + "disk");
        report(problems, name, where, gaps, withGaps + " of " + present + " videos miss " + missing + " frames the "
                + "list names");
        report(problems, name, where, undecodable, bad + " of " + decoded + " decoded frames do not decode");
        report(problems, name, where, labels, outside + " labels are outside the " + classes + " classes of "
                + classList().getFileName());
        List<String> examples = new ArrayList<>();
        for (List<String> kind : List.of(absent, gaps, undecodable, labels, unlisted)) {
            examples.addAll(kind.subList(0, Math.min(EXAMPLES, kind.size())));
        }
        return new CharadesCheckReport.Split(name, list, layout, videos.size(), present, listed, missing, withGaps,
                notListed, decodedVideos, decoded, bad, outside, examples);
    }

    /** The video's frames when it is a frame folder (as its list names them), null for a video file. */
    private static FrameFolderSource frames(VideoSample s) throws IOException {
        if (s.frames() != null) {
            return s.frames().open(FrameFolderSource.CHARADES_FPS, MissingFramePolicy.FAIL);
        }
        FrameSource src = FrameSources.open(s.video());
        if (src instanceof FrameFolderSource f) {
            return f;
        }
        src.close(); // opened: the container is readable
        return null;
    }

    /** Frame files in the folder of a regular list that no row names (a list shorter than the extraction). */
    private static long unlisted(VideoSample s, FrameFolderSource src, int holes) throws IOException {
        if (s.frames() == null || s.frames().pattern() == null) {
            return 0;
        }
        try (Stream<Path> files = Files.list(src.folder())) {
            long jpegs = files.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jpg"))
                    .count();
            return Math.max(0, jpegs - (src.frameCount() - holes));
        }
    }

    private static long labelsOutside(VideoSample s, int classes, String where, List<String> examples) {
        long n = 0;
        if (s.frameLabels() != null) {
            for (int i = 0; i < s.frameLabels().length; i++) {
                for (int c : s.frameLabels()[i]) {
                    if (c < 0 || c >= classes) {
                        n++;
                        examples.add(where + ": video " + s.id() + ", row " + i + " of the video: label " + c);
                    }
                }
            }
        }
        for (CharadesAction a : s.actions()) {
            if (a.classIndex() >= classes) {
                n++;
                examples.add(where + ": video " + s.id() + ": action c" + String.format(Locale.ROOT, "%03d",
                        a.classIndex()));
            }
        }
        return n;
    }

    /** Whether video v of n is one of the evenly spaced decoded ones. */
    private boolean sampled(int v, int n) {
        if (n <= samples) {
            return true;
        }
        for (int k = 0; k < samples; k++) {
            if ((int) ((long) k * n / samples) == v) {
                return true;
            }
        }
        return false;
    }

    private static void report(List<String> problems, String split, String where, List<String> found,
                               String what) {
        if (!found.isEmpty()) {
            problems.add(split + " (" + where + "): " + what + " ("
                    + String.join("; ", found.subList(0, Math.min(EXAMPLES, found.size())))
                    + (found.size() > EXAMPLES ? "; ..." : "") + ")");
        }
    }
}
