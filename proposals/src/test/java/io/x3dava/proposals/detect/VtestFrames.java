package io.x3dava.proposals.detect;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Frames of the real pedestrian video ../shared/fixtures/video/vtest.avi (tests skip, visibly, without it). */
public final class VtestFrames {
    private VtestFrames() {
    }

    public static Path video() {
        String root = System.getProperty("x3dava.fixtures", "../../shared/fixtures");
        Path p = Path.of(root, "video", "vtest.avi");
        if (!Files.isRegularFile(p)) {
            System.err.println("SKIPPED: real video fixture " + p + " is absent (../shared/fixtures/video)");
        }
        assumeTrue(Files.isRegularFile(p), "fixture " + p + " absent");
        return p;
    }

    /** Every {@code step}-th frame of the first {@code count * step}, as 3-byte BGR images. */
    public static List<BufferedImage> read(int count, int step) throws Exception {
        List<BufferedImage> out = new ArrayList<>();
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(video().toFile());
             Java2DFrameConverter conv = new Java2DFrameConverter()) {
            g.start();
            for (int i = 0; out.size() < count; i++) {
                Frame f = g.grabImage();
                if (f == null) {
                    break;
                }
                if (i % step == 0) {
                    out.add(Java2DFrameConverter.cloneBufferedImage(conv.convert(f)));
                }
            }
        }
        return out;
    }
}
