package io.x3dava.annotations.cvat;

import java.util.List;
import java.util.Map;

/**
 * A "CVAT for video 1.1" file: the frame size of {@code <original_size>} (0 when absent) and its line, the input type
 * of every attribute per label ({@code label -> attribute -> type}, from the task's label list), and the tracks.
 */
public record CvatDocument(String name, int width, int height, int sizeLine, Map<String, Map<String, CvatInputType>> labels,
                           List<CvatTrack> tracks) {
    public CvatDocument {
        labels = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(labels));
        tracks = List.copyOf(tracks);
    }

    /** The input type of {@code attribute} of {@code label}, null when the label list does not say. */
    public CvatInputType inputType(String label, String attribute) {
        Map<String, CvatInputType> m = labels.get(label);
        return m == null ? null : m.get(attribute);
    }
}
