package io.x3dava.viewer;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/** One annotated frame as PNG, without a screen. */
public final class FrameExport {
    private FrameExport() {}

    /** Decodes the first frame at or after the video time, draws its overlay and writes the PNG; returns the frame. */
    public static VideoFrame export(FrameSource source, OverlayQuery query, OverlaySettings settings, String videoId,
            TimeMapping time, double videoTime, Path target) throws IOException {
        source.seek(videoTime);
        VideoFrame f = source.next();
        if (f == null) {
            throw new IOException("no frame at " + videoTime + " s (the video is " + source.duration() + " s long)");
        }
        BufferedImage img = new OverlayPainter().annotate(f.image(), query.at(videoId, time.avaTime(f.time()), settings));
        PngExport.write(img, target);
        return new VideoFrame(img, f.time());
    }
}
