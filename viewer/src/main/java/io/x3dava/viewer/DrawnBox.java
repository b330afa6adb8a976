package io.x3dava.viewer;

import io.x3dava.annotations.ava.AvaBox;

import java.util.List;

/**
 * One box as it is drawn: normalized coordinates, label lines (top first), the action id whose palette colour it
 * gets, and its style.
 */
public record DrawnBox(AvaBox box, List<String> labelLines, int colourClass, BoxStyle style) {
    public DrawnBox {
        labelLines = List.copyOf(labelLines);
    }

    public DrawnBox withBox(AvaBox b) {
        return new DrawnBox(b, labelLines, colourClass, style);
    }
}
