package io.x3dava.annotations.command;

/** The exit codes of every command. */
public final class ExitCodes {
    /** Finished; for checkers: nothing wrong found. */
    public static final int OK = 0;
    /** A bug (an exception that is not about the user's input), or problems found by a checker. */
    public static final int FAILURE = 1;
    /** Bad input: an option, a file or its contents. */
    public static final int BAD_INPUT = 2;
    /** Stopped by Ctrl-C: 128 + SIGINT, as a shell reports it (SIGTERM gives 143 where the command tells them apart). */
    public static final int STOPPED = 130;

    private ExitCodes() {
    }
}
