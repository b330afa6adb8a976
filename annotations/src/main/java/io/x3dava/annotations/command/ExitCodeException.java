package io.x3dava.annotations.command;

/**
 * A failure that is not bad input but has its own exit code and a message that says everything (for example a
 * diverged training run, exit 3). The handler prints the message alone.
 */
public class ExitCodeException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    public ExitCodeException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
