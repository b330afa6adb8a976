package io.x3dava.viewer;

import java.nio.file.Path;

/** What the viewer opens at start (from the command line); video and files may be null. */
public record ViewerStart(Path video, InputFiles files, TimeMapping time, String videoId, OverlaySettings settings) {
    public static ViewerStart empty() {
        return new ViewerStart(null, new InputFiles(null, null, null, null, null), TimeMapping.none(), null,
                OverlaySettings.defaults());
    }
}
