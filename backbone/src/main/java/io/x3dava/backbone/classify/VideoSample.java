package io.x3dava.backbone.classify;

import io.x3dava.annotations.charades.CharadesAction;

import java.nio.file.Path;
import java.util.List;

/**
 * One training/testing video: a single class (Kinetics) or timed actions (Charades, whose clip label is the union of
 * the actions present in the sampled frames).
 *
 * @param id video id used in reports
 * @param label class index for single-label data, -1 for multi-label
 * @param actions timed actions for multi-label data, empty otherwise
 */
public record VideoSample(String id, Path video, int label, List<CharadesAction> actions) {

    public VideoSample {
        actions = List.copyOf(actions);
    }

    public static VideoSample singleLabel(String id, Path video, int label) {
        return new VideoSample(id, video, label, List.of());
    }

    public static VideoSample multiLabel(String id, Path video, List<CharadesAction> actions) {
        return new VideoSample(id, video, -1, actions);
    }

    /** Multi-hot labels of a clip made of frames at the given times (seconds). */
    public boolean[] labelsAt(double[] frameTimes, int numClasses) {
        boolean[] out = new boolean[numClasses];
        if (label >= 0) {
            out[label] = true;
            return out;
        }
        for (CharadesAction a : actions) {
            for (double t : frameTimes) {
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
        return out;
    }
}
