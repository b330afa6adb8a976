package io.x3dava.detector.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import io.x3dava.annotations.ava.AvaBox;
import io.x3dava.annotations.ava.Keyframe;
import io.x3dava.backbone.video.ClipRequest;
import io.x3dava.backbone.video.ClipSpec;
import io.x3dava.backbone.video.DecodedClip;
import io.x3dava.backbone.video.LoadedClip;
import io.x3dava.backbone.video.Placement;
import io.x3dava.detector.data.AvaSample;
import io.x3dava.detector.data.AvaTarget;
import io.x3dava.detector.infer.TestCrop;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class AvaBatchBuilderTest {

    /** A 2-frame clip of 100 x 200 (H x W) whose red channel is the column index, already at the test short side. */
    static LoadedClip wideClip(List<AvaTarget> targets) {
        int t = 2;
        int h = 100;
        int w = 200;
        byte[] rgb = new byte[t * h * w * 3];
        for (int f = 0; f < t; f++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    rgb[((f * h + y) * w + x) * 3] = (byte) x;
                }
            }
        }
        AvaSample s = new AvaSample(new Keyframe("vid", 902), Path.of("vid.mp4"), 2.0, targets);
        ClipRequest r = new ClipRequest(Path.of("vid.mp4"), new ClipSpec(t, 1), new Placement.Centered(2.0), h, s);
        return new LoadedClip(0, r, new DecodedClip(rgb, t, h, w), new long[] {0, 1}, 30, h, w);
    }

    static AvaTarget target(double x1, double y1, double x2, double y2, Integer... ids) {
        return new AvaTarget(new AvaBox(x1, y1, x2, y2), List.of(ids), 1.0);
    }

    private static float[] boxes(AvaBatch b) {
        return b.boxes().toFloatArray();
    }

    @Test
    void fullFrameKeepsTheWholeFrameAndEveryBox() {
        LoadedClip c = wideClip(List.of(target(0.1, 0.2, 0.3, 0.4, 5), target(0.9, 0.0, 1.0, 1.0, 80)));
        try (NDManager m = NDManager.newBaseManager()) {
            AvaBatch b = AvaBatchBuilder.forTesting(80, 100, TestCrop.FULL, false)
                    .build(m, List.of(c), x -> (AvaSample) x.request().tag(), null);
            assertEquals(new Shape(1, 3, 2, 100, 200), b.clips().getShape(), "H != W: no crop");
            assertEquals(2, b.boxCount(), "the person at the right edge is scored");
            assertArrayEquals(new float[] {0, 20, 20, 60, 40, 0, 180, 0, 200, 100}, boxes(b), 1e-4f);
            float[] labels = b.labels().toFloatArray();
            assertEquals(1f, labels[4], "action id 5 -> output index 4");
            assertEquals(1f, labels[80 + 79], "action id 80 -> output index 79");
        }
    }

    @Test
    void centreCropDropsTheBoxOutsideAndShiftsTheOthers() {
        LoadedClip c = wideClip(List.of(target(0.1, 0.2, 0.3, 0.4, 5), target(0.9, 0.0, 1.0, 1.0, 80)));
        try (NDManager m = NDManager.newBaseManager()) {
            AvaBatch b = AvaBatchBuilder.forTesting(80, 100, TestCrop.CENTER, false)
                    .build(m, List.of(c), x -> (AvaSample) x.request().tag(), null);
            assertEquals(new Shape(1, 3, 2, 100, 100), b.clips().getShape());
            // The crop spans x 50..150: the first box (x 20..60) is clipped to 0..10, the second (180..200) is gone.
            assertEquals(1, b.boxCount());
            assertArrayEquals(new int[] {0, 0}, b.refs().get(0));
            assertArrayEquals(new float[] {0, 0, 20, 10, 40}, boxes(b), 1e-4f);
            // The crop's first column is the frame's column 50.
            NDArray red = b.clips().get("0, 0, 0, 0, 0");
            assertEquals((50 - 0.45f * 255) / (0.225f * 255), red.getFloat(), 1e-4);
        }
    }

    @Test
    void flipMirrorsPixelsAndBoxesTogether() {
        LoadedClip c = wideClip(List.of(target(0.1, 0.2, 0.3, 0.4, 5)));
        try (NDManager m = NDManager.newBaseManager()) {
            AvaBatchBuilder full = AvaBatchBuilder.forTesting(80, 100, TestCrop.FULL, false);
            AvaBatch plain = full.build(m, List.of(c), x -> (AvaSample) x.request().tag(), null);
            AvaBatch flipped = full.withFlip(true).build(m, List.of(c), x -> (AvaSample) x.request().tag(), null);
            assertArrayEquals(new float[] {0, 140, 20, 180, 40}, boxes(flipped), 1e-4f);
            assertEquals(plain.clips().get("0, 0, 1, 7, 199").getFloat(),
                    flipped.clips().get("0, 0, 1, 7, 0").getFloat(), 1e-6);
            // Centre crop + flip: x 20..60 -> clipped 0..10 in the crop -> mirrored to 90..100.
            AvaBatch centre = AvaBatchBuilder.forTesting(80, 100, TestCrop.CENTER, true)
                    .build(m, List.of(c), x -> (AvaSample) x.request().tag(), null);
            assertArrayEquals(new float[] {0, 90, 20, 100, 40}, boxes(centre), 1e-4f);
        }
    }

    @Test
    void trainingCropAndFlipMoveTheBoxWithThePixels() {
        // One bright vertical stripe (columns 60..79 of 200) with a box exactly around it: wherever the random
        // scale, crop and flip put the stripe, the transformed box must cover the bright pixels of the view.
        LoadedClip base = wideClip(List.of(target(0.3, 0.0, 0.4, 1.0, 1)));
        byte[] rgb = base.clip().rgb().clone();
        for (int i = 0; i < rgb.length; i += 3) {
            int x = (i / 3) % 200;
            rgb[i] = (byte) (x >= 60 && x < 80 ? 255 : 0);
        }
        LoadedClip c = new LoadedClip(0, base.request(), new DecodedClip(rgb, 2, 100, 200), base.frameIndices(), 30,
                100, 200);
        AvaBatchBuilder train = AvaBatchBuilder.forTraining(80, 64);
        int seen = 0;
        try (NDManager m = NDManager.newBaseManager()) {
            for (long seed = 0; seed < 12; seed++) {
                AvaBatch b = train.build(m, List.of(c), x -> (AvaSample) x.request().tag(),
                        new SplittableRandom(seed));
                assertEquals(new Shape(1, 3, 2, 64, 64), b.clips().getShape());
                float[] red = b.clips().get("0, 0, 0, 0, :").toFloatArray(); // first row of frame 0
                float bright = (255 - 0.45f * 255) / (0.225f * 255);
                int first = -1;
                int last = -1;
                for (int x = 0; x < red.length; x++) {
                    if (red[x] > bright * 0.5f) {
                        first = first < 0 ? x : first;
                        last = x;
                    }
                }
                if (b.boxCount() == 0) {
                    assertEquals(-1, first, "seed " + seed + ": the box left the crop, so did the stripe");
                    continue;
                }
                float[] box = boxes(b);
                assertEquals(first, box[1], 1.01, "seed " + seed + ": left edge");
                assertEquals(last + 1, box[3], 1.01, "seed " + seed + ": right edge");
                seen++;
            }
        }
        assertTrue(seen >= 3, "the stripe was in the crop for " + seen + " of 12 seeds");
    }
}
