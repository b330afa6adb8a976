package io.x3dava.annotations.charades;

import java.util.List;

/** One row of a SlowFast frame list: {@code original_vido_id video_id frame_id path labels}. */
public record FrameListEntry(String originalVideoId, int videoIndex, int frameId, String path, List<Integer> labels) {
    public FrameListEntry {
        labels = List.copyOf(labels);
    }
}
