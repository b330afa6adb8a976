package io.x3dava.backbone.predict;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import io.x3dava.backbone.classify.TrainedModel;
import io.x3dava.backbone.train.PretrainedWeights;
import io.x3dava.backbone.x3d.X3DInference;
import io.x3dava.backbone.x3d.X3DInit;
import io.x3dava.backbone.x3d.X3DNetwork;

import java.io.IOException;
import java.util.List;
import java.util.UUID;

/**
 * The DJL Block of a trained X3D classifier: clips (N, 3, T, H, W) in, class probabilities (N, classes) out (softmax,
 * or sigmoid for Charades), computed by the BN-folded inference network. The weights are read by {@link #load} (the
 * translator's prepare step) into the model's manager, so closing the ZooModel frees them.
 */
public final class X3DClassifierBlock extends AbstractBlock {

    private final TrainedModel checkpoint;
    private X3DInference inference;

    public X3DClassifierBlock(TrainedModel checkpoint) {
        this.checkpoint = checkpoint;
    }

    /** Reads the checkpoint's weights and folds them; the folded copy lives until {@code manager} closes. */
    synchronized void load(NDManager manager) throws IOException {
        if (inference != null) {
            return;
        }
        try (NDManager scratch = manager.newSubManager()) {
            X3DNetwork net = X3DInit.newNetwork(checkpoint.model(), scratch, 0);
            PretrainedWeights.load(checkpoint.weights(), net.referenceParameters(), sd -> List.of(),
                    checkpoint.model().name(), null);
            inference = net.forInference(manager);
        }
        manager.attachInternal(UUID.randomUUID().toString(), inference);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        if (inference == null) {
            throw new IllegalStateException("weights not loaded: use the block through its Criteria's predictor");
        }
        return new NDList(inference.scores(inputs.singletonOrThrow(), checkpoint.task().multiLabel()));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {new Shape(inputs[0].get(0), checkpoint.model().numClasses())};
    }
}
