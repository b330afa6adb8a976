package io.x3dava.detector.data;

import io.x3dava.annotations.ava.AvaFrameLists;
import io.x3dava.annotations.ava.AvaTime;
import io.x3dava.backbone.video.FrameSource;
import io.x3dava.backbone.video.FrameSources;
import io.x3dava.backbone.video.ListedFrames;
import io.x3dava.backbone.video.MissingFramePolicy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where a video's frames are: the 15-minute AVA cut clips {@code <root>/<video_id>.<ext>} (ffmpeg -ss 900 -t 901), or
 * JPEG frame folders named by a {@link FrameTemplate} under {@code root} (PySlowFast's frames/, MMAction2's rawframes/,
 * 30 fps). Both start at movie second {@code time.offsetSeconds()} (900 for AVA), so keyframe t is at t - offset in
 * the file. In a recipe both are one path: the clips folder, or the template under the frames folder
 * ({@code /data/ava/rawframes/{vid}/img_%05d.jpg}).
 *
 * @param template null for cut clips (and frame folders that {@link FrameSources#open} recognises)
 * @param lists    per video, its frames as a frame list gives them (PySlowFast's frame_lists/*.csv); empty without
 */
public record AvaVideos(Path root, FrameTemplate template, AvaTime time, Map<String, ListedFrames> lists) {

    public AvaVideos {
        lists = Map.copyOf(lists);
    }

    public AvaVideos(Path root, FrameTemplate template, AvaTime time) {
        this(root, template, time, Map.of());
    }

    /**
     * These frame folders as a frame list names them (ava_helper.load_image_lists: row i of a video is its frame
     * index i, paths under the frames folder): the count of rows is the video's length, so a missing last frame is a
     * gap, and a video whose rows do not follow one numbering is read from its listed paths. No list (or cut clips):
     * unchanged.
     */
    public AvaVideos withFrameList(Path list) throws IOException {
        if (list == null || template == null || !Files.isRegularFile(list)) {
            return this;
        }
        Map<String, AvaFrameLists.Video> videos = AvaFrameLists.read(list);
        Set<String> irregular = new HashSet<>();
        videos.forEach((vid, v) -> {
            if (!v.regular()) {
                irregular.add(vid);
            }
        });
        Map<String, List<String>> rows = AvaFrameLists.paths(list, irregular);
        Map<String, ListedFrames> out = new HashMap<>(lists);
        for (AvaFrameLists.Video v : videos.values()) {
            out.put(v.videoId(), v.regular() ? ListedFrames.regular(root, v.numbering().orElseThrow(), v.rows())
                    : ListedFrames.of(root, rows.get(v.videoId())));
        }
        return new AvaVideos(root, template, time, out);
    }

    private static final String[] EXTENSIONS = {".mp4", ".mkv", ".webm", ".avi"};

    /** From a recipe's videos path: a folder, or a frame template path holding {@code {vid}}. */
    public static AvaVideos of(Path videos, double offsetSeconds) {
        String s = videos.toString().replace('\\', '/');
        int at = s.indexOf("{vid}");
        AvaTime time = AvaTime.withOffset(offsetSeconds);
        if (at < 0) {
            return new AvaVideos(videos, null, time);
        }
        int slash = s.lastIndexOf('/', at);
        Path root = slash <= 0 ? Path.of(slash == 0 ? "/" : ".") : Path.of(s.substring(0, slash));
        return new AvaVideos(root, new FrameTemplate(s.substring(slash + 1)), time);
    }

    /** The recipe's path for these videos (inverse of {@link #of}). */
    public Path path() {
        return template == null ? root : root.resolve(template.template());
    }

    /**
     * The file or folder of a video; a missing one is returned as the .mp4 path (cut clips) or the template's folder,
     * and the loader skips it.
     */
    public Path locate(String videoId) {
        if (template != null) {
            return template.folder(root, videoId);
        }
        for (String ext : EXTENSIONS) {
            Path p = root.resolve(videoId + ext);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        Path dir = root.resolve(videoId);
        return Files.isDirectory(dir) ? dir : root.resolve(videoId + ".mp4");
    }

    /** Whether the video's file or frame folder exists. */
    public boolean exists(String videoId) {
        return Files.exists(locate(videoId));
    }

    public double videoSeconds(int keyframeSeconds) {
        return time.videoSeconds(keyframeSeconds);
    }

    /** {@link #opener(MissingFramePolicy)} failing on gaps. */
    public FrameSources.Opener opener() {
        return opener(MissingFramePolicy.FAIL);
    }

    /**
     * Opens what {@link #locate} returns: frame folders as their frame list names them, else through the template,
     * anything else as before; a missing frame inside a video is handled by {@code policy}.
     */
    public FrameSources.Opener opener(MissingFramePolicy policy) {
        return path -> {
            if (template != null && Files.isDirectory(path)) {
                Optional<String> vid = template.videoIdOf(root, path);
                if (vid.isPresent()) {
                    ListedFrames listed = lists.get(vid.get());
                    return listed != null ? listed.open(time.fps(), policy)
                            : template.open(root, vid.get(), time).withPolicy(policy);
                }
            }
            return FrameSources.open(path, policy);
        };
    }

    public FrameSource open(String videoId) throws IOException {
        return opener().open(locate(videoId));
    }

    public void requireRoot() throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException(root + ": video folder not found (expected AVA cut clips or frame folders)");
        }
    }
}
