package io.x3dava.backbone.synthetic;

import io.x3dava.backbone.video.VideoFileSource;

import io.x3dava.backbone.video.DecodedClip;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyntheticVideosTest {
    static final int W = 80;
    static final int H = 80;
    static final int FRAMES = 60;

    @TempDir
    Path dir;

    /** Three actors that never overlap: one sliding left along the top, one static, one pulsing. */
    static List<Actor> actors() {
        return List.of(Actor.of(Actor.LEFT, 0.5, 0.2, 0.2), Actor.of(Actor.STATIC, 0.5, 0.75, 0.2),
                Actor.of(Actor.PULSE, 0.18, 0.75, 0.2));
    }

    private static DecodedClip decodeAll(Path p) throws IOException {
        try (VideoFileSource src = new VideoFileSource(p)) {
            long[] idx = new long[(int) src.frameCount()];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = i;
            }
            return src.read(idx, 0);
        }
    }

    @Test
    void deterministicForASeed() throws IOException {
        Path a = dir.resolve("a.mp4");
        Path b = dir.resolve("b.mp4");
        Path c = dir.resolve("c.mp4");
        SyntheticVideos.writeVideo(a, actors(), W, H, 30, 30, 42);
        SyntheticVideos.writeVideo(b, actors(), W, H, 30, 30, 42);
        SyntheticVideos.writeVideo(c, actors(), W, H, 30, 30, 43);
        DecodedClip da = decodeAll(a);
        assertEquals(30, da.frames());
        assertArrayEquals(da.rgb(), decodeAll(b).rgb());
        assertFalse(java.util.Arrays.equals(da.rgb(), decodeAll(c).rgb()));
    }

    @Test
    void drawnShapesMatchBoxesExactly() {
        for (int f : new int[] {0, 7, 33, 59}) {
            BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
            SyntheticVideos.drawActors(img, actors(), f);
            for (SyntheticVideos.Box b : SyntheticVideos.boxesAt(actors(), f)) {
                int[] px = SyntheticVideos.pixelBox(b, W, H);
                assertEquals(0xE0E0E0, img.getRGB(px[0], px[1]) & 0xffffff, "top-left inside at frame " + f);
                assertEquals(0xE0E0E0, img.getRGB(px[2] - 1, px[3] - 1) & 0xffffff, "bottom-right inside");
                if (px[0] > 0) {
                    assertEquals(0, img.getRGB(px[0] - 1, px[1]) & 0xffffff, "left of the box at frame " + f);
                }
                if (px[3] < H) {
                    assertEquals(0, img.getRGB(px[0], px[3]) & 0xffffff, "below the box at frame " + f);
                }
            }
        }
    }

    @Test
    void boxesMatchDecodedPixelsAndMotion() throws IOException {
        Path p = dir.resolve("v.mp4");
        SyntheticVideos.writeVideo(p, actors(), W, H, FRAMES, 30, 1);
        DecodedClip clip = decodeAll(p);
        for (int f : new int[] {0, 10, 25, 45, 59}) {
            for (SyntheticVideos.Box b : SyntheticVideos.boxesAt(actors(), f)) {
                int[] px = SyntheticVideos.pixelBox(b, W, H);
                double inside = meanGray(clip, f, px[0] + 2, px[1] + 2, px[2] - 2, px[3] - 2);
                assertTrue(inside > 190, "frame " + f + " inside " + b + " mean " + inside);
                // a ring just outside the box shows the dark noisy background
                double left = meanGray(clip, f, px[0] - 4, px[1] + 2, px[0] - 2, px[3] - 2);
                double below = meanGray(clip, f, px[0] + 2, px[3] + 2, px[2] - 2, px[3] + 4);
                for (double v : new double[] {left, below}) {
                    assertTrue(Double.isNaN(v) || v < 110, "frame " + f + " outside " + b + " mean " + v);
                }
            }
        }
        List<SyntheticVideos.Box> b0 = SyntheticVideos.boxesAt(actors(), 0);
        List<SyntheticVideos.Box> b5 = SyntheticVideos.boxesAt(actors(), 5);
        assertTrue(b5.get(0).x1() < b0.get(0).x1(), "LEFT moves left");
        assertEquals(b0.get(0).y1(), b5.get(0).y1());
        assertEquals(b0.get(1), b5.get(1));
        assertTrue(b5.get(2).x2() - b5.get(2).x1() > b0.get(2).x2() - b0.get(2).x1(), "PULSE grows first");
    }

    /** Mean of R, G, B over a pixel rectangle (clipped to the frame); NaN when empty. */
    private static double meanGray(DecodedClip c, int t, int x1, int y1, int x2, int y2) {
        x1 = Math.max(0, x1);
        y1 = Math.max(0, y1);
        x2 = Math.min(c.width(), x2);
        y2 = Math.min(c.height(), y2);
        long sum = 0;
        int n = 0;
        for (int y = y1; y < y2; y++) {
            for (int x = x1; x < x2; x++) {
                int o = c.offset(t, y, x);
                sum += (c.rgb()[o] & 0xff) + (c.rgb()[o + 1] & 0xff) + (c.rgb()[o + 2] & 0xff);
                n += 3;
            }
        }
        return n == 0 ? Double.NaN : sum / (double) n;
    }
}
