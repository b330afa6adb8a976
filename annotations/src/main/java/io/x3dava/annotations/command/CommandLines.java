package io.x3dava.annotations.command;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Builds every command line of the project the same way: {@code -h/--help} and defaults shown on every command, and
 * one error handler. Bad input ends with {@code <command>: <file>:<line>: <what was expected>} and exit 2; a bug ends
 * with a short message and exit 1, with its stack trace only when {@link #DEBUG_PROPERTY} is set (the root's
 * {@code --debug}).
 */
public final class CommandLines {
    /** System property that asks for stack traces of internal errors. */
    public static final String DEBUG_PROPERTY = "x3dava.debug";

    private CommandLines() {
    }

    /** A configured command line for {@code command} (and its subcommands). */
    public static CommandLine of(Object command) {
        CommandLine cl = new CommandLine(command);
        configure(cl);
        return cl;
    }

    /** Parses {@code args}, runs the command and returns its exit code (never throws). */
    public static int execute(Object command, String... args) {
        return of(command).execute(args);
    }

    /** Applies the project's conventions to {@code cl} and to every subcommand below it. */
    public static void configure(CommandLine cl) {
        CommandSpec spec = cl.getCommandSpec();
        if (!spec.optionsMap().containsKey("--help")) {
            spec.mixinStandardHelpOptions(true);
        }
        spec.usageMessage().showDefaultValues(true);
        cl.setHelpFactory(new WordWrappedHelp());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((ex, line, parse) -> handle(ex, line));
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine line = ex.getCommandLine();
            PrintWriter err = line.getErr();
            err.println(line.getCommandName() + ": " + ex.getMessage());
            err.println("(" + qualifiedName(line) + " --help lists the options)");
            err.flush();
            return ExitCodes.BAD_INPUT;
        });
        for (CommandLine sub : cl.getSubcommands().values()) {
            configure(sub);
        }
    }

    private static int handle(Exception ex, CommandLine line) {
        PrintWriter err = line.getErr();
        Throwable t = UserErrors.unwrap(ex);
        int code;
        if (t instanceof ExitCodeException e) {
            err.println(line.getCommandName() + ": " + e.getMessage());
            code = e.exitCode();
        } else if (UserErrors.isBadInput(t)) {
            err.println(line.getCommandName() + ": " + UserErrors.message(t));
            code = ExitCodes.BAD_INPUT;
        } else {
            err.println(line.getCommandName() + ": internal error: " + t.getClass().getSimpleName()
                    + (t.getMessage() == null ? "" : ": " + t.getMessage().replace('\n', ' '))
                    + (debug() ? "" : " (run with --debug for the stack trace)"));
            if (debug()) {
                t.printStackTrace(err);
            }
            code = ExitCodes.FAILURE;
        }
        err.flush();
        return code;
    }

    private static boolean debug() {
        return Boolean.getBoolean(DEBUG_PROPERTY) || System.getenv("X3DAVA_DEBUG") != null;
    }

    private static String qualifiedName(CommandLine line) {
        String name = line.getCommandName();
        for (CommandLine p = line.getParent(); p != null; p = p.getParent()) {
            name = p.getCommandName() + " " + name;
        }
        return name;
    }
}
