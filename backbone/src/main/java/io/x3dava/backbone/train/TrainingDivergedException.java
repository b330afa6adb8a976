package io.x3dava.backbone.train;

import io.x3dava.annotations.command.ExitCodeException;

/** Training stopped because the loss became NaN or exploded; the command exits with 3. */
public final class TrainingDivergedException extends ExitCodeException {
    private static final long serialVersionUID = 1L;

    public TrainingDivergedException(String message) {
        super(3, message);
    }
}
