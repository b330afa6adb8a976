package io.x3dava.backbone.cli;

import io.x3dava.backbone.train.TrainingDivergedException;

import java.io.IOException;
import java.io.UncheckedIOException;

import picocli.CommandLine;

/**
 * Runs a command so that bad input ends with one clear line (the file, line and what was expected) and exit code 2,
 * not a stack trace; a diverged training run exits with 3.
 */
public final class CliErrors {

    private CliErrors() {
    }

    public static int run(Object command, String[] args) {
        CommandLine cl = new CommandLine(command);
        cl.setExecutionExceptionHandler((ex, line, parse) -> {
            Throwable e = ex;
            if (e instanceof UncheckedIOException u) {
                e = u.getCause();
            }
            if (e instanceof TrainingDivergedException) {
                System.err.println("error: " + e.getMessage());
                return 3;
            }
            if (e instanceof IOException || e instanceof IllegalArgumentException) {
                System.err.println("error: " + e.getMessage());
                return 2;
            }
            throw ex;
        });
        return cl.execute(args);
    }
}
