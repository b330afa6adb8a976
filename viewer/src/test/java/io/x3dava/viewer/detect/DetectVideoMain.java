package io.x3dava.viewer.detect;

import io.x3dava.annotations.command.CommandLines;

/** detect-video as its own process, for the tests that send it signals. */
public final class DetectVideoMain {
    private DetectVideoMain() {
    }

    public static void main(String[] args) {
        System.exit(CommandLines.execute(new DetectVideoCommand(), args));
    }
}
