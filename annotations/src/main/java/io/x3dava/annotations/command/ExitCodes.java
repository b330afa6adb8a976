package io.x3dava.annotations.command;

/** The exit codes of every command. */
public final class ExitCodes {
    /** Finished; for checkers: nothing wrong found. */
    public static final int OK = 0;
    /** A bug (an exception that is not about the user's input), or problems found by a checker. */
    public static final int FAILURE = 1;
    /** Bad input: an option, a file or its contents. */
    public static final int BAD_INPUT = 2;

    private ExitCodes() {
    }
}
