package io.x3dava.viewer.annotate;

import java.util.List;

/** What the annotation window opens: the videos (one or a folder's), and how each one's session is made. */
record AnnotateStart(List<java.nio.file.Path> videos, SessionFactory factory) {

    /** Opens one video's session, cursor and suggestions (on the JavaFX thread, at start and when switching). */
    interface SessionFactory {
        AnnotateWindowParts open(java.nio.file.Path video) throws java.io.IOException;
    }

    /** The parts of one window. */
    record AnnotateWindowParts(AnnotationSession session, BoxSuggestions suggestions,
                               io.x3dava.viewer.FrameCursor cursor) {
    }
}
