package io.x3dava.viewer.annotate;

import io.x3dava.viewer.VideoFrame;

import java.io.IOException;
import java.util.List;

/**
 * Where pre-filled boxes come from: detect-video's tracks, a proposals CSV, or a person detector run on the frame.
 * Person id -1 means "no track": the session links such a box to the previous keyframe's person it overlaps most.
 * Called off the JavaFX thread (a detector takes a while).
 */
public interface BoxSuggestions extends AutoCloseable {
    /** Suggested people at keyframe {@code second} (video seconds), whose frame is {@code frame}. */
    List<PersonLabel> at(int second, VideoFrame frame) throws IOException;

    /** Whether {@link #at} needs the frame's pixels (a detector) or not (files). */
    default boolean needsFrame() {
        return false;
    }

    /** A short description for the window's status line. */
    String description();

    @Override
    default void close() {
    }

    /** No suggestions: every box is drawn by hand. */
    static BoxSuggestions none() {
        return new BoxSuggestions() {
            @Override
            public List<PersonLabel> at(int second, VideoFrame frame) {
                return List.of();
            }

            @Override
            public String description() {
                return "no pre-filled boxes";
            }
        };
    }
}
