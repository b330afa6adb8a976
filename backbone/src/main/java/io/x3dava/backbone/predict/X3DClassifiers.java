package io.x3dava.backbone.predict;

import ai.djl.modality.Classifications;
import ai.djl.repository.zoo.Criteria;

import io.x3dava.backbone.classify.TrainedModel;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A trained X3D classifier (pretrain / finetune-charades checkpoint) in DJL's terms:
 * {@code X3DClassifiers.criteria(dir).loadModel()} gives a {@code ZooModel<VideoClip, Classifications>} whose
 * predictors classify clips of videos, with the checkpoint's class names.
 */
public final class X3DClassifiers {

    private X3DClassifiers() {
    }

    /**
     * @param checkpoint a checkpoint folder ({@code epoch_NNNN/}), its model.safetensors, or a run folder (newest
     *     checkpoint); its config.json gives network, task and classes
     */
    public static Criteria<VideoClip, Classifications> criteria(Path checkpoint) throws IOException {
        TrainedModel tm = TrainedModel.locate(checkpoint);
        if (!tm.hasConfig()) {
            throw new IOException(checkpoint + ": no config.json beside the weights (a checkpoint of pretrain or"
                    + " finetune-charades says which network and classes it holds)");
        }
        return Criteria.builder().setTypes(VideoClip.class, Classifications.class)
                .optModelPath(tm.weights().getParent()).optModelName(tm.model().name())
                .optEngine("PyTorch")
                .optBlock(new X3DClassifierBlock(tm))
                .optOption("hasParameter", "false") // the translator reads the safetensors weights (PySlowFast keys)
                .optTranslator(new X3DClassifierTranslator(tm))
                .build();
    }
}
