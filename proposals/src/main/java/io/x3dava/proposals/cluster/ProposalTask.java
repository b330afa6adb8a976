package io.x3dava.proposals.cluster;

import java.io.Serializable;

/** One task: keyframe seconds {@code first..last} of one video file or frame folder (an absolute path). */
public record ProposalTask(String input, int first, int last) implements Serializable {
}
