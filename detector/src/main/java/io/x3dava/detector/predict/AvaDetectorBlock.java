package io.x3dava.detector.predict;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import io.x3dava.annotations.ava.AvaBox;
import io.x3dava.backbone.video.DecodedClip;
import io.x3dava.detector.model.DetectorCheckpoint;
import io.x3dava.detector.video.ActionModel;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The DJL Block of a trained AVA detector: inputs a uint8 clip (T, H, W, 3) at the detector's decode size and boxes
 * (K, 4) normalised to the frame; output per-class sigmoid scores (K, classes). It runs {@link ActionModel}, the model
 * of detect-video: BN-folded backbone, each box scored in the test crop (left / centre / right) that holds most of it.
 * Loaded by the translator's prepare step and freed with the ZooModel.
 */
public final class AvaDetectorBlock extends AbstractBlock {

    private final DetectorCheckpoint checkpoint;
    private ActionModel model;

    public AvaDetectorBlock(DetectorCheckpoint checkpoint) {
        this.checkpoint = checkpoint;
    }

    synchronized ActionModel load(NDManager manager) throws IOException {
        if (model == null) {
            model = ActionModel.load(checkpoint.dir());
            manager.attachInternal(UUID.randomUUID().toString(), model);
        }
        return model;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        if (model == null) {
            throw new IllegalStateException("weights not loaded: use the block through its Criteria's predictor");
        }
        NDArray clip = inputs.get(0);
        Shape s = clip.getShape();
        DecodedClip decoded = new DecodedClip(clip.toByteArray(), (int) s.get(0), (int) s.get(1), (int) s.get(2));
        float[] b = inputs.get(1).toFloatArray();
        List<AvaBox> boxes = new ArrayList<>();
        for (int i = 0; i < b.length; i += 4) {
            boxes.add(new AvaBox(b[i], b[i + 1], b[i + 2], b[i + 3]));
        }
        float[][] scores = model.classify(decoded, boxes);
        int classes = checkpoint.config().numClasses();
        float[] flat = new float[boxes.size() * classes];
        for (int i = 0; i < scores.length; i++) {
            System.arraycopy(scores[i], 0, flat, i * classes, classes);
        }
        return new NDList(clip.getManager().create(flat, new Shape(boxes.size(), classes)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {new Shape(inputs[1].get(0), checkpoint.config().numClasses())};
    }
}
