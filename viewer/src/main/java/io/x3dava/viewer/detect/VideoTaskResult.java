package io.x3dava.viewer.detect;

import java.io.Serializable;

/**
 * What a cluster task says of its video, for the driver to print: the lines the run printed (as a terminal shows
 * them), and its failure, if any (the video is then counted as failed, as a bad video of a folder is locally). The
 * driver knows which video from the task's place in the job.
 *
 * @param failure the one-line reason the video failed, or null
 * @param log what the run printed
 */
record VideoTaskResult(String failure, String log) implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * Text as a terminal shows it: of each line only what follows its last carriage return (a progress bar redrawn
     * in place leaves its final state).
     */
    static String terminalText(String text) {
        StringBuilder b = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            String shown = line.substring(line.lastIndexOf('\r') + 1);
            if (!shown.isEmpty()) {
                b.append(shown).append('\n');
            }
        }
        return b.toString();
    }
}
