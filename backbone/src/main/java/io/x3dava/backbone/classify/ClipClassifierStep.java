package io.x3dava.backbone.classify;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;

import io.x3dava.backbone.train.TrainStep;
import io.x3dava.backbone.video.LoadedClip;
import io.x3dava.backbone.train.ClipBatchSource;
import io.x3dava.backbone.x3d.X3DNetwork;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Training step of clip classification: transform, forward, softmax cross-entropy (Kinetics) or per-class sigmoid BCE
 * on logits (Charades). The spatial jitter of a clip is seeded from its placement, so a resumed run repeats it.
 */
public final class ClipClassifierStep implements TrainStep<List<LoadedClip>> {

    private final X3DNetwork net;
    private final boolean multiLabel;
    private final int minScale;
    private final int maxScale;
    private final int crop;
    private final boolean inverseUniform;

    public ClipClassifierStep(X3DNetwork net, boolean multiLabel, int minScale, int maxScale, int crop,
                              boolean inverseUniform) {
        this.net = net;
        this.multiLabel = multiLabel;
        this.minScale = minScale;
        this.maxScale = maxScale;
        this.crop = crop;
        this.inverseUniform = inverseUniform;
    }

    @Override
    public Output forward(ParameterStore ps, NDManager m, List<LoadedClip> batch) {
        long seed = ClipBatchSource.<VideoSample>tagOf(batch.get(0)).seed();
        NDArray x = ClipBatches.train(m, batch, minScale, maxScale, crop, inverseUniform,
                new SplittableRandom(seed ^ 0x5DEECE66DL));
        int classes = net.config().numClasses();
        NDArray y = ClipBatches.targets(m, batch, classes);
        NDArray logits = net.forward(ps, new NDList(x), true).singletonOrThrow();
        NDArray loss = multiLabel ? ClipLosses.binaryCrossEntropyWithLogits(logits, y)
                : ClipLosses.softmaxCrossEntropy(logits, y);
        // Top-1 hit: the arg-max class is (one of) the clip's labels.
        long[] top = logits.argMax(1).toLongArray();
        float[] yv = y.toFloatArray();
        int hits = 0;
        for (int i = 0; i < top.length; i++) {
            if (yv[i * classes + (int) top[i]] > 0) {
                hits++;
            }
        }
        return new Output(loss, batch.size(), hits);
    }

    @Override
    public List<List<LoadedClip>> split(List<LoadedClip> batch, int parts) {
        return TrainStep.splitList(batch, parts);
    }
}
