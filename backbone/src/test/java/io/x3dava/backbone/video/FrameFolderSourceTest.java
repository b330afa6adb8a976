package io.x3dava.backbone.video;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameFolderSourceTest {
    @TempDir
    Path dir;

    /** Writes frames 1..n as solid colours encoding their 0-based index. */
    private static void writeFrames(Path folder, String pattern, int n, int w, int h) throws IOException {
        Files.createDirectories(folder);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        for (int k = 0; k < n; k++) {
            int[] c = IndexVideos.colour(k);
            Graphics2D g = img.createGraphics();
            g.setColor(new Color(c[0], c[1], c[2]));
            g.fillRect(0, 0, w, h);
            g.dispose();
            ImageIO.write(img, "jpg", folder.resolve(String.format(pattern, k + 1)).toFile());
        }
    }

    private static void assertFrames(DecodedClip clip, long[] asked, long n) {
        for (int t = 0; t < asked.length; t++) {
            long expected = Math.max(0, Math.min(n - 1, asked[t]));
            assertEquals(expected, IndexVideos.index(clip.meanChannel(t, 0), clip.meanChannel(t, 1),
                    clip.meanChannel(t, 2)), "output " + t);
        }
    }

    @Test
    void slowFastLayout() throws IOException {
        writeFrames(dir.resolve("frames/vidA"), "vidA_%06d.jpg", 30, 40, 30);
        try (FrameFolderSource src = FrameFolderSource.slowFast(dir.resolve("frames"), "vidA", 30)) {
            assertEquals(30, src.frameCount());
            assertEquals(40, src.width());
            assertEquals(30, src.height());
            assertEquals(30.0, src.fps());
            assertTrue(Files.exists(dir.resolve("frames/vidA/vidA_000001.jpg")));
            long[] idx = {29, 0, 5, 5, -3, 40};
            DecodedClip clip = src.read(idx, 0);
            assertEquals(6, clip.frames());
            assertEquals(30, clip.height());
            assertEquals(40, clip.width());
            assertFrames(clip, idx, 30);
        }
    }

    @Test
    void charadesLayoutAndResize() throws IOException {
        writeFrames(dir.resolve("ABC12"), "ABC12-%06d.jpg", 12, 30, 40);
        try (FrameFolderSource src = FrameFolderSource.charades(dir, "ABC12")) {
            assertEquals(24.0, src.fps());
            assertEquals(12, src.frameCount());
            long[] idx = TemporalSampler.centered(src.frameCount(), src.fps(), new ClipSpec(4, 5), 0.25);
            DecodedClip clip = src.read(idx, 15);
            assertEquals(15, clip.width()); // portrait: width is the short side
            assertEquals(20, clip.height());
            assertFrames(clip, idx, 12);
        }
    }

    @Test
    void badInputNamesThePath() throws IOException {
        Path folder = dir.resolve("v");
        writeFrames(folder, "v_%06d.jpg", 5, 16, 16);
        Files.write(folder.resolve("v_000002.jpg"), new byte[] {1, 2, 3});
        try (FrameFolderSource src = FrameFolderSource.slowFast(dir, "v", 30)) {
            MissingFrameException e = assertThrows(MissingFrameException.class, () -> src.read(new long[] {0, 1}, 0));
            assertTrue(e.getMessage().contains("v_000002.jpg") && e.getMessage().contains("undecodable"),
                    e.getMessage());
            assertEquals(List.of(folder.resolve("v_000002.jpg")), e.frames());
        }
        IOException e = assertThrows(IOException.class, () -> FrameFolderSource.slowFast(dir, "nope", 30));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
        Files.createDirectories(dir.resolve("empty"));
        e = assertThrows(IOException.class, () -> FrameFolderSource.charades(dir, "empty"));
        assertTrue(e.getMessage().contains("empty-000001.jpg"), e.getMessage());
    }
}
