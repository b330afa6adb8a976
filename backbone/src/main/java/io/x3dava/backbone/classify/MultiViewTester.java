package io.x3dava.backbone.classify;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import io.x3dava.backbone.video.ClipLoader;
import io.x3dava.backbone.video.ClipRequest;
import io.x3dava.backbone.video.ClipSpec;
import io.x3dava.backbone.video.FrameSources;
import io.x3dava.backbone.video.LoadedClip;
import io.x3dava.backbone.video.MissingFrames;
import io.x3dava.backbone.video.Placement;
import io.x3dava.backbone.x3d.X3DInference;
import io.x3dava.backbone.x3d.X3DNetwork;

import java.util.ArrayList;
import java.util.List;

/**
 * PySlowFast multi-view testing: K uniformly spaced clips per video times 1 (center) or 3 (left/center/right) crops
 * at the test scale; softmax scores averaged over views (Kinetics) or sigmoid scores max-pooled over views (Charades).
 */
public final class MultiViewTester {

    /**
     * Per-video scores (null rows for videos that could not be read); {@code missingFrames}: clips left out because
     * they needed a missing frame (the video is scored from its other clips).
     */
    public record Result(float[][] scores, int skippedVideos, int views, MissingFrames missingFrames) {
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
    private final FrameSources.Opener opener;

    private MultiViewTester(Builder b) {
        this.net = b.net;
        this.spec = b.spec;
        this.numClips = b.numClips;
        this.numCrops = b.numCrops;
        this.scale = b.scale;
        this.crop = b.crop;
        this.multiLabel = b.multiLabel;
        this.workers = b.workers;
        this.batchSize = b.batchSize;
        this.opener = b.opener;
    }

    /** A tester of {@code net} on clips of {@code spec}, by default PySlowFast's Kinetics protocol at the test crop. */
    public static Builder builder(X3DNetwork net, ClipSpec spec) {
        return new Builder(net, spec);
    }

    /** Named construction of a {@link MultiViewTester}. */
    public static final class Builder {
        private final X3DNetwork net;
        private final ClipSpec spec;
        /** TEST.NUM_ENSEMBLE_VIEWS = 10 and TEST.NUM_SPATIAL_CROPS = 3 (X3D paper section 4, "10x3 views"). */
        private int numClips = 10;
        private int numCrops = 3;
        private int scale;
        private int crop;
        private boolean multiLabel;
        private int workers = Runtime.getRuntime().availableProcessors();
        private int batchSize = 8;
        private FrameSources.Opener opener = FrameSources::open;

        private Builder(X3DNetwork net, ClipSpec spec) {
            this.net = net;
            this.spec = spec;
            this.scale = net.config().testCrop();
            this.crop = net.config().testCrop();
        }

        /** K uniformly spaced clips per video times 1 (centre) or 3 (left/centre/right) crops. */
        public Builder setViews(int clips, int crops) {
            if (clips < 1) {
                throw new IllegalArgumentException("clips per video must be >= 1, got " + clips);
            }
            if (crops != 1 && crops != 3) {
                throw new IllegalArgumentException("spatial crops must be 1 (center) or 3 (left-center-right)");
            }
            this.numClips = clips;
            this.numCrops = crops;
            return this;
        }

        /** Short side the clips are resized to, and the square crop taken from it. */
        public Builder setScale(int shortSide, int cropSize) {
            this.scale = shortSide;
            this.crop = cropSize;
            return this;
        }

        /** Charades: sigmoid scores max-pooled over views, instead of softmax scores averaged. */
        public Builder optMultiLabel(boolean multi) {
            this.multiLabel = multi;
            return this;
        }

        public Builder optWorkers(int threads) {
            this.workers = threads;
            return this;
        }

        public Builder optBatchSize(int clips) {
            this.batchSize = clips;
            return this;
        }

        /** How a video path becomes frames (frame lists, a policy for missing frames); default FrameSources::open. */
        public Builder optOpener(FrameSources.Opener o) {
            this.opener = o;
            return this;
        }

        public MultiViewTester build() {
            return new MultiViewTester(this);
        }
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
        int views = 0;
        MissingFrames missing;
        // BN folded into the convolutions and activations freed as the pass goes (X3DNetwork#forInference)
        try (X3DInference folded = net.forInference(manager); ClipLoader loader = new ClipLoader(requests, workers, opener)) {
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
                        float[] s = folded.scores(x, multiLabel).toFloatArray();
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
            missing = loader.missingFrameTally().snapshot();
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
        return new Result(scores, skipped, views, missing);
    }
}
