package io.x3dava.backbone.checkpoint;

import java.io.IOException;
import java.nio.file.Path;

/** A checkpoint file that is truncated, corrupt, unsupported or unsafe; the message is "<file>: <what is wrong>". */
public final class CheckpointFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public CheckpointFormatException(Path file, String message) {
        super(file + ": " + message);
    }

    public CheckpointFormatException(Path file, String message, Throwable cause) {
        super(file + ": " + message, cause);
    }
}
