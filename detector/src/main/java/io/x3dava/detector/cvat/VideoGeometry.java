package io.x3dava.detector.cvat;

import io.x3dava.annotations.cvat.CvatVideo;
import io.x3dava.backbone.video.VideoFileSource;

import java.io.IOException;
import java.nio.file.Path;

/** Size, frame rate and length of a video file, read by the project's decoder (the one training uses). */
public final class VideoGeometry {
    private VideoGeometry() {
    }

    public static CvatVideo of(Path video) throws IOException {
        try (VideoFileSource src = new VideoFileSource(video)) {
            return new CvatVideo(src.width(), src.height(), src.fps(), src.frameCount());
        }
    }
}
