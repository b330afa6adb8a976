package io.x3dava.backbone.checkpoint;

/** Thrown by a {@link PickleResolver}; the pickle machine adds the file name and byte offset. */
public final class PickleException extends Exception {
    private static final long serialVersionUID = 1L;

    public PickleException(String message) {
        super(message);
    }
}
