package io.x3dava.detector.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;

import io.x3dava.backbone.classify.ClipLosses;
import io.x3dava.backbone.train.ClipBatchSource;
import io.x3dava.backbone.train.TrainStep;
import io.x3dava.backbone.video.LoadedClip;
import io.x3dava.detector.data.AvaSample;
import io.x3dava.detector.model.AvaDetector;

import java.util.List;
import java.util.SplittableRandom;

/** One AVA training step: transformed clips and boxes, box logits, BCE on logits over the multi-hot actions. */
public final class AvaTrainStep implements TrainStep<List<LoadedClip>> {

    private final AvaDetector detector;
    private final AvaBatchBuilder builder;

    public AvaTrainStep(AvaDetector detector, AvaBatchBuilder builder) {
        this.detector = detector;
        this.builder = builder;
    }

    @Override
    public Output forward(ParameterStore ps, NDManager m, List<LoadedClip> batch) {
        long seed = ClipBatchSource.<AvaSample>tagOf(batch.get(0)).seed();
        AvaBatch b = builder.build(m, batch, c -> ClipBatchSource.<AvaSample>tagOf(c).sample(),
                new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L));
        NDArray features = detector.features(ps, b.clips(), true);
        if (b.boxCount() == 0) {
            // Every box fell outside the crops: a zero loss that still touches the graph, so backward is valid.
            return new Output(features.sum().mul(0f), 0, 0);
        }
        NDArray logits = detector.classify(ps, features, b.boxes(), true);
        NDArray loss = ClipLosses.binaryCrossEntropyWithLogits(logits, b.labels());
        long[] top = logits.argMax(1).toLongArray();
        float[] y = b.labels().toFloatArray();
        int classes = (int) logits.getShape().get(1);
        int hits = 0;
        for (int i = 0; i < top.length; i++) {
            if (y[i * classes + (int) top[i]] > 0) {
                hits++;
            }
        }
        // Throughput is counted in clips; the accuracy is the fraction of boxes whose top class is a true action.
        return new Output(loss, batch.size(), (double) hits * batch.size() / b.boxCount());
    }

    @Override
    public List<List<LoadedClip>> split(List<LoadedClip> batch, int parts) {
        return TrainStep.splitList(batch, parts);
    }
}
