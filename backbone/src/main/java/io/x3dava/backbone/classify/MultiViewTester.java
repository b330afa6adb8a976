package io.x3dava.backbone.classify;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;

import io.x3dava.backbone.video.ClipLoader;
import io.x3dava.backbone.video.ClipRequest;
import io.x3dava.backbone.video.ClipSpec;
import io.x3dava.backbone.video.LoadedClip;
import io.x3dava.backbone.video.Placement;
import io.x3dava.backbone.x3d.X3DNetwork;

import java.util.ArrayList;
import java.util.List;

/**
 * PySlowFast multi-view testing: K uniformly spaced clips per video times 1 (center) or 3 (left/center/right) crops
 * at the test scale; softmax scores averaged over views (Kinetics) or sigmoid scores max-pooled over views (Charades).
 */
public final class MultiViewTester {

    /** Per-video scores (null rows for videos that could not be read). */
    public record Result(float[][] scores, int skippedVideos, int views) {
    }

    private final X3DNetwork net;
    private final ClipSpec spec;
    private final int numClips;
    private final int numCrops;
    private final int scale;
    private final int crop;
    private final boolean multiLabel;
    private final int workers;
    private final int batchSize;

    public MultiViewTester(X3DNetwork net, ClipSpec spec, int numClips, int numCrops, int scale, int crop,
                           boolean multiLabel, int workers, int batchSize) {
        if (numCrops != 1 && numCrops != 3) {
            throw new IllegalArgumentException("spatial crops must be 1 (center) or 3 (left-center-right)");
        }
        this.net = net;
        this.spec = spec;
        this.numClips = numClips;
        this.numCrops = numCrops;
        this.scale = scale;
        this.crop = crop;
        this.multiLabel = multiLabel;
        this.workers = workers;
        this.batchSize = batchSize;
    }

    public Result run(NDManager manager, List<VideoSample> samples) {
        int classes = net.config().numClasses();
        float[][] scores = new float[samples.size()][];
        int[] seen = new int[samples.size()];
        List<ClipRequest> requests = new ArrayList<>();
        for (int v = 0; v < samples.size(); v++) {
            for (int k = 0; k < numClips; k++) {
                requests.add(new ClipRequest(samples.get(v).video(), spec, new Placement.Uniform(k, numClips), scale,
                        v));
            }
        }
        ParameterStore ps = new ParameterStore(manager, false);
        int views = 0;
        try (ClipLoader loader = new ClipLoader(requests, workers)) {
            List<LoadedClip> pending = new ArrayList<>();
            while (loader.hasNext() || !pending.isEmpty()) {
                if (loader.hasNext()) {
                    pending.add(loader.next());
                }
                if (pending.size() < batchSize && loader.hasNext()) {
                    continue;
                }
                for (int c = 0; c < numCrops; c++) {
                    int spatialIdx = numCrops == 1 ? 1 : c;
                    try (NDManager bm = manager.newSubManager()) {
                        NDArray x = ClipBatches.test(bm, pending, scale, crop, spatialIdx);
                        float[] s = net.scores(ps, x, multiLabel).toFloatArray();
                        for (int i = 0; i < pending.size(); i++) {
                            int v = (Integer) pending.get(i).request().tag();
                            if (scores[v] == null) {
                                scores[v] = new float[classes];
                                if (multiLabel) {
                                    java.util.Arrays.fill(scores[v], Float.NEGATIVE_INFINITY);
                                }
                            }
                            for (int k = 0; k < classes; k++) {
                                float val = s[i * classes + k];
                                scores[v][k] = multiLabel ? Math.max(scores[v][k], val) : scores[v][k] + val;
                            }
                            seen[v]++;
                            views++;
                        }
                    }
                }
                pending.clear();
            }
        }
        int skipped = 0;
        for (int v = 0; v < samples.size(); v++) {
            if (scores[v] == null) {
                skipped++;
            } else if (!multiLabel) {
                for (int k = 0; k < classes; k++) {
                    scores[v][k] /= seen[v];
                }
            }
        }
        return new Result(scores, skipped, views);
    }
}
