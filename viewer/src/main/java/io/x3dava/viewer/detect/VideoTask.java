package io.x3dava.viewer.detect;

import java.io.Serializable;

/**
 * One video of a detect-video job on a cluster: a whole video per task, as people are tracked from frame to frame
 * (cutting a video would cut its tracks).
 *
 * @param source the video's absolute path
 * @param videoId its output subfolder
 */
record VideoTask(String source, String videoId) implements Serializable {
    private static final long serialVersionUID = 1L;
}
