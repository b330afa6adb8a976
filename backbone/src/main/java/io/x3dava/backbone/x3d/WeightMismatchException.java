package io.x3dava.backbone.x3d;

import java.io.IOException;

/** A checkpoint does not fit the network; the message names every offending key. */
public final class WeightMismatchException extends IOException {
    private static final long serialVersionUID = 1L;

    public WeightMismatchException(String message) {
        super(message);
    }
}
