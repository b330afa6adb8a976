package io.x3dava.annotations.cvat;

import java.util.List;

/** One {@code <track id label>} with its boxes sorted by frame; {@code line} is the track's line in the file. */
public record CvatTrack(int id, String label, List<CvatBox> boxes, int line) {
    public CvatTrack {
        boxes = List.copyOf(boxes);
    }
}
