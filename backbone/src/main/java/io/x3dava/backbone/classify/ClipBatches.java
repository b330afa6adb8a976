package io.x3dava.backbone.classify;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import io.x3dava.backbone.train.ClipBatchSource;
import io.x3dava.backbone.video.ClipTransforms;
import io.x3dava.backbone.video.LoadedClip;

import java.util.List;
import java.util.SplittableRandom;

/** Turns decoded clips into the network's input batch (N, 3, T, crop, crop) with the recipe's spatial transform. */
public final class ClipBatches {

    private ClipBatches() {
    }

    /** Training: scale jitter, random crop, flip (PySlowFast spatial_sampling with spatial_idx -1). */
    public static NDArray train(NDManager m, List<LoadedClip> clips, int minScale, int maxScale, int crop,
                                boolean inverseUniform, SplittableRandom rnd) {
        NDList views = new NDList();
        for (LoadedClip c : clips) {
            NDArray raw = c.clip().toNDArray(m);
            views.add(ClipTransforms.train(raw, minScale, maxScale, crop, inverseUniform, rnd.split()).clip());
        }
        return NDArrays.stack(views);
    }

    /** Testing: short side to {@code scale}, crop {@code spatialIdx} (0 left/top, 1 center, 2 right/bottom). */
    public static NDArray test(NDManager m, List<LoadedClip> clips, int scale, int crop, int spatialIdx) {
        NDList views = new NDList();
        for (LoadedClip c : clips) {
            views.add(ClipTransforms.test(c.clip().toNDArray(m), scale, crop, spatialIdx).clip());
        }
        return NDArrays.stack(views);
    }

    /** Multi-hot (N, C) float targets; for single-label data this is the one-hot matrix. */
    public static NDArray targets(NDManager m, List<LoadedClip> clips, int numClasses) {
        float[] t = new float[clips.size() * numClasses];
        for (int i = 0; i < clips.size(); i++) {
            boolean[] l = labels(clips.get(i), numClasses);
            for (int k = 0; k < numClasses; k++) {
                t[i * numClasses + k] = l[k] ? 1f : 0f;
            }
        }
        return m.create(t, new Shape(clips.size(), numClasses));
    }

    static boolean[] labels(LoadedClip c, int numClasses) {
        VideoSample s = ClipBatchSource.<VideoSample>tagOf(c).sample();
        return s.clipLabels(c.frameIndices(), c.sourceFps(), numClasses);
    }
}
