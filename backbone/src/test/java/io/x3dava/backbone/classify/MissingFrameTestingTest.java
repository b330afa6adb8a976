package io.x3dava.backbone.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;

import io.x3dava.backbone.video.ClipSpec;
import io.x3dava.backbone.video.MissingFramePolicy;
import io.x3dava.backbone.x3d.X3DConfig;
import io.x3dava.backbone.x3d.X3DInit;
import io.x3dava.backbone.x3d.X3DNetwork;
import io.x3dava.backbone.x3d.X3DPresets;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Multi-view testing of a frame folder with a gap: the clip that needs the missing frame scores nothing and is
 * counted; with --pad-missing-frames it is scored.
 */
class MissingFrameTestingTest {

    /** 40 frames of a square moving right, {@code <vid>/<vid>_%06d.jpg}. */
    private static Path video(Path root, String id) throws Exception {
        Path folder = Files.createDirectories(root.resolve(id));
        BufferedImage img = new BufferedImage(48, 40, BufferedImage.TYPE_3BYTE_BGR);
        for (int k = 0; k < 40; k++) {
            Graphics2D g = img.createGraphics();
            g.setColor(Color.DARK_GRAY);
            g.fillRect(0, 0, 48, 40);
            g.setColor(new Color(250, 200 - 4 * k, 40 + 5 * k));
            g.fillRect(k, 10 + k / 4, 12, 12);
            g.dispose();
            ImageIO.write(img, "jpg", folder.resolve(String.format("%s_%06d.jpg", id, k + 1)).toFile());
        }
        return folder;
    }

    private static MultiViewTester.Result test(NDManager m, X3DNetwork net, Path video, MissingFramePolicy p) {
        List<VideoSample> samples = List.of(VideoSample.singleLabel(video.getFileName().toString(), video, 0));
        // 2 clips of 4 frames x 2 at 30 fps over 40 frames: frames 0, 2, 4, 6 and 32, 34, 36, 38; softmax scores are
        // averaged over the clips, so the second clip's frames show in the result
        return MultiViewTester.builder(net, new ClipSpec(4, 2)).setViews(2, 1).setScale(32, 32).optMultiLabel(false)
                .optWorkers(1).optBatchSize(2).optOpener(ClassificationRun.opener(samples, p)).build()
                .run(m, samples);
    }

    @Test
    void aClipWithAGapScoresNothingUnlessPadded(@TempDir Path dir) throws Exception {
        Path gap = video(dir, "gap");
        Files.delete(gap.resolve("gap_000035.jpg")); // frame index 34, in the second clip only
        try (NDManager m = NDManager.newBaseManager()) {
            X3DConfig c = X3DPresets.get("XS").withNumClasses(3).withClip(4, 2, 32);
            X3DNetwork net = X3DInit.newNetwork(c, m, 7);
            MultiViewTester.Result skipped = test(m, net, gap, MissingFramePolicy.FAIL);
            assertEquals(1, skipped.views(), "only the first clip is scored");
            assertEquals(1, skipped.missingFrames().clips());
            assertEquals(List.of(gap.resolve("gap_000035.jpg").toString()), skipped.missingFrames().examples());
            assertEquals(0, skipped.skippedVideos(), "the video is scored from its other clip");

            // which frame stands in is FrameGapsTest's (the earlier neighbour, decoded into the clip)
            MultiViewTester.Result padded = test(m, net, gap, MissingFramePolicy.REPEAT_NEAREST);
            assertEquals(2, padded.views());
            assertEquals(0, padded.missingFrames().clips());
        }
    }
}
