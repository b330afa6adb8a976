package io.x3dava.viewer;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** One annotated frame as PNG, without a screen. */
public final class FrameExport {
    private FrameExport() {}

    /** Decodes the frame nearest to the video time, draws its overlay and writes the PNG; returns the frame drawn. */
    public static VideoFrame export(FrameCursor source, OverlayQuery query, OverlaySettings settings, String videoId,
            TimeMapping time, double videoTime, ExportSize size, Path target) throws IOException {
        FrameClock clock = source.clock();
        double last = clock.time(clock.frameCount() - 1);
        if (!(videoTime >= -clock.halfFrame() && videoTime <= last + clock.halfFrame())) {
            // the nearest frame would be the first or last one, far from what was asked: say so instead
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "no frame at video time %.3f s: the frames of %s run from 0 to %.3f s", videoTime, source.videoId(), last));
        }
        source.seek(videoTime);
        VideoFrame f = source.next();
        if (f == null) {
            throw new IOException(target + ": no frame at " + videoTime + " s (the video is " + source.duration() + " s long)");
        }
        int[] wh = size.of(f.width(), f.height(), false);
        BufferedImage img = new OverlayPainter().annotate(f.image(),
                query.at(videoId, time.avaTime(f.time()), settings), wh[0], wh[1]);
        PngExport.write(img, target);
        return f;
    }
}
