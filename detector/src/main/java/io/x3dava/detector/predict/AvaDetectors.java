package io.x3dava.detector.predict;

import ai.djl.repository.zoo.Criteria;

import io.x3dava.detector.model.DetectorCheckpoint;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A trained AVA detector (train-ava / demo checkpoint) in DJL's terms: {@code AvaDetectors.criteria(dir).loadModel()}
 * gives a {@code ZooModel<PeopleInClip, PersonActionScores>} whose predictors score the actions of the given people in
 * a clip, with the checkpoint's action names.
 */
public final class AvaDetectors {

    private AvaDetectors() {
    }

    /** @param checkpoint a detector checkpoint folder (epoch_NNNN/ or best/: config.json, model.safetensors) */
    public static Criteria<PeopleInClip, PersonActionScores> criteria(Path checkpoint) throws IOException {
        DetectorCheckpoint ckpt = DetectorCheckpoint.read(checkpoint);
        return Criteria.builder().setTypes(PeopleInClip.class, PersonActionScores.class)
                .optModelPath(checkpoint).optModelName("ava-" + ckpt.config().backbone().name())
                .optEngine("PyTorch")
                .optBlock(new AvaDetectorBlock(ckpt))
                .optOption("hasParameter", "false") // the translator reads the safetensors weights (PySlowFast keys)
                .optTranslator(new AvaDetectorTranslator(ckpt))
                .build();
    }
}
