package io.x3dava.backbone.train;

/** The loss became NaN/infinite or exploded; the last good checkpoint on disk is left untouched. */
public final class TrainingDivergedException extends RuntimeException {

    public TrainingDivergedException(String message) {
        super(message);
    }
}
