package io.x3dava.backbone.classify;

import io.x3dava.annotations.charades.CharadesAction;
import io.x3dava.backbone.video.ListedFrames;

import java.nio.file.Path;
import java.util.List;

/**
 * One training/testing video: a single class (Kinetics), timed actions (Charades' official CSVs) or per-frame labels
 * (Charades' frame lists).
 *
 * @param id video id used in reports
 * @param label class index for single-label data, -1 for multi-label
 * @param actions timed actions for multi-label data from the official CSVs, empty otherwise
 * @param frameLabels per frame (row of the frame list), the class indices it carries; null without a frame list
 * @param frames the frames as the frame list names them; null when {@code video} is opened by its own naming
 * @param frameCount frames the video has according to its list (MMAction2 rawframes' total_frames), 0 if not known
 */
public record VideoSample(String id, Path video, int label, List<CharadesAction> actions, int[][] frameLabels,
                          ListedFrames frames, long frameCount) {

    public VideoSample {
        actions = List.copyOf(actions);
    }

    public static VideoSample singleLabel(String id, Path video, int label) {
        return new VideoSample(id, video, label, List.of(), null, null, 0);
    }

    public static VideoSample multiLabel(String id, Path video, List<CharadesAction> actions) {
        return new VideoSample(id, video, -1, actions, null, null, 0);
    }

    /** A Charades video of a frame list: its frames and each frame's labels, in list order. */
    public static VideoSample listed(String id, ListedFrames frames, int[][] frameLabels) {
        if (frameLabels.length != frames.count()) {
            throw new IllegalArgumentException(frameLabels.length + " frame labels for " + frames.count() + " frames");
        }
        return new VideoSample(id, frames.videoFolder(), -1, List.of(), frameLabels, frames, frames.count());
    }

    /** The same video with its frame count known from a list. */
    public VideoSample withFrameCount(long count) {
        return new VideoSample(id, video, label, actions, frameLabels, frames, count);
    }

    /**
     * Multi-hot labels of a clip. With per-frame labels, the union of the labels of every frame from the first to the
     * last sampled one ({@code firstIndex}..{@code lastIndex}, 0-based), as slowfast/datasets/charades.py does
     * (__getitem__, lines 209-211 at 287ec00: {@code utils.aggregate_labels([self._labels[index][i] for i in
     * range(seq[0], seq[-1] + 1)])}); so an action shorter than the sampling stride between two sampled frames is
     * still a target. With timed actions (the official CSVs) the actions whose interval holds a sampled frame's time.
     */
    public boolean[] clipLabels(long[] frameIndices, double fps, int numClasses) {
        boolean[] out = new boolean[numClasses];
        if (label >= 0) {
            out[label] = true;
            return out;
        }
        if (frameLabels != null) {
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            for (long i : frameIndices) {
                first = Math.min(first, i);
                last = Math.max(last, i);
            }
            for (long i = Math.max(0, first); i <= Math.min(frameLabels.length - 1L, last); i++) {
                for (int c : frameLabels[(int) i]) {
                    out[c] = true;
                }
            }
            return out;
        }
        for (CharadesAction a : actions) {
            for (long i : frameIndices) {
                double t = i / fps;
                if (t >= a.start() && t <= a.end()) {
                    out[a.classIndex()] = true;
                    break;
                }
            }
        }
        return out;
    }

    /** Multi-hot labels of the whole video (for video-level Charades mAP). */
    public boolean[] videoLabels(int numClasses) {
        boolean[] out = new boolean[numClasses];
        if (label >= 0) {
            out[label] = true;
        }
        for (CharadesAction a : actions) {
            out[a.classIndex()] = true;
        }
        if (frameLabels != null) {
            for (int[] f : frameLabels) {
                for (int c : f) {
                    out[c] = true;
                }
            }
        }
        return out;
    }
}
