package io.x3dava.detector.cluster;

import java.io.Serializable;

/**
 * One task: the inference keyframes {@code [first, end)} of the job's sorted keyframe list, all of one video.
 * The first and last keyframe seconds let an executor check that it reads the same list as the driver.
 */
public record AvaTask(int first, int end, String videoId, int firstSecond, int lastSecond) implements Serializable {
}
