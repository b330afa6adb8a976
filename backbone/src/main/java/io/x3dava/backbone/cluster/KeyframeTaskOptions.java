package io.x3dava.backbone.cluster;

import picocli.CommandLine.Option;

/** How a command that walks AVA keyframes cuts a video into tasks ({@code --task-keyframes}). */
public final class KeyframeTaskOptions {

    @Option(names = "--task-keyframes", defaultValue = "32", paramLabel = "N",
            description = "with --master: keyframes per task, at most; a video is split into ranges of this size "
                    + "(default: ${DEFAULT-VALUE})")
    int taskKeyframes;

    /** Keyframes per task; checked even without {@code --master} (a bad value is a mistake in the command line). */
    public int taskKeyframes() {
        if (taskKeyframes < 1) {
            throw new IllegalArgumentException("--task-keyframes " + taskKeyframes + ": expected a count >= 1");
        }
        return taskKeyframes;
    }
}
