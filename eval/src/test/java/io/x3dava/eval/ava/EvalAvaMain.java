package io.x3dava.eval.ava;

import io.x3dava.annotations.command.CommandLines;

/** eval-ava as its own process, for the test that gives it a small heap. */
public final class EvalAvaMain {
    private EvalAvaMain() {
    }

    public static void main(String[] args) {
        System.exit(CommandLines.execute(new EvalAvaCommand(), args));
    }
}
