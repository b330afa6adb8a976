package io.x3dava.backbone.video;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClipTransformsTest {
    static NDManager manager;

    @BeforeAll
    static void engine() {
        manager = NDManager.newBaseManager("PyTorch");
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    private static NDArray clip(int t, int h, int w, int seed) {
        byte[] data = new byte[t * h * w * 3];
        new SplittableRandom(seed).nextBytes(data);
        return new DecodedClip(data, t, h, w).toNDArray(manager);
    }

    @Test
    void shapesAndTypes() {
        try (NDManager m = manager.newSubManager()) {
            NDArray in = clip(4, 48, 64, 1);
            in.attach(m);
            try (ClipTransforms.Result r = ClipTransforms.train(in, 40, 50, 32, true, new SplittableRandom(3))) {
                assertEquals(new Shape(3, 4, 32, 32), r.clip().getShape());
                assertEquals(DataType.FLOAT32, r.clip().getDataType());
                int s = Math.min(r.params().scaledHeight(), r.params().scaledWidth());
                assertTrue(s >= 40 && s <= 50, "short side " + s);
            }
            try (ClipTransforms.Result r = ClipTransforms.test(in, 40, 40, ClipTransforms.CENTER)) {
                assertEquals(new Shape(3, 4, 40, 40), r.clip().getShape());
            }
        }
    }

    @Test
    void normalization() {
        try (NDManager m = manager.newSubManager()) {
            NDArray in = m.create(new byte[] {0, (byte) 255, 0, 0, 0, 0}, new Shape(1, 1, 2, 3)).toType(DataType.UINT8, false);
            SpatialParams p = new SpatialParams(1, 2, 1, 2, 0, 0, 1, false);
            float[] out = ClipTransforms.apply(in, p).toFloatArray();
            assertArrayEquals(new float[] {-2f, (1 - 0.45f) / 0.225f, -2f}, out, 1e-5f);
        }
    }

    @Test
    void flipEqualsReversedWidth() {
        try (NDManager m = manager.newSubManager()) {
            NDArray in = clip(3, 30, 50, 2);
            in.attach(m);
            SpatialParams p = new SpatialParams(30, 50, 36, 60, 7, 3, 28, false);
            SpatialParams pf = new SpatialParams(30, 50, 36, 60, 7, 3, 28, true);
            NDArray a = ClipTransforms.apply(in, p);
            NDArray b = ClipTransforms.apply(in, pf);
            assertTrue(a.flip(3).allClose(b, 0, 0, false), "flip must reverse the width axis");
            assertFalse(a.allClose(b));
        }
    }

    @Test
    void cropsAsPySlowFastUniformCrop() {
        // landscape 48x64 -> short side 40: 40x53; centre x = ceil(13/2) = 7... with crop 32: ceil(21/2) = 11
        SpatialParams l = ClipTransforms.testParams(48, 64, 40, 32, 0);
        SpatialParams c = ClipTransforms.testParams(48, 64, 40, 32, 1);
        SpatialParams r = ClipTransforms.testParams(48, 64, 40, 32, 2);
        assertEquals(53, c.scaledWidth());
        assertEquals(40, c.scaledHeight());
        assertArrayEquals(new int[] {0, 4}, new int[] {l.cropX(), l.cropY()});
        assertArrayEquals(new int[] {11, 4}, new int[] {c.cropX(), c.cropY()});
        assertArrayEquals(new int[] {21, 4}, new int[] {r.cropX(), r.cropY()});
        // portrait 64x48 (h x w): the crops move along the height
        SpatialParams top = ClipTransforms.testParams(64, 48, 40, 32, 0);
        SpatialParams mid = ClipTransforms.testParams(64, 48, 40, 32, 1);
        SpatialParams bottom = ClipTransforms.testParams(64, 48, 40, 32, 2);
        assertArrayEquals(new int[] {4, 0}, new int[] {top.cropX(), top.cropY()});
        assertArrayEquals(new int[] {4, 11}, new int[] {mid.cropX(), mid.cropY()});
        assertArrayEquals(new int[] {4, 21}, new int[] {bottom.cropX(), bottom.cropY()});
    }

    @Test
    void cropMatchesSlicingTheResizedClip() {
        try (NDManager m = manager.newSubManager()) {
            NDArray in = clip(2, 48, 64, 4);
            in.attach(m);
            SpatialParams c = ClipTransforms.testParams(48, 64, 48, 32, ClipTransforms.RIGHT); // no resize
            NDArray out = ClipTransforms.apply(in, c);
            NDArray expected = in.get(new NDIndex(":, 8:40, 32:64, :")).toType(DataType.FLOAT32, false)
                    .sub(0.45f * 255).div(0.225f * 255).transpose(3, 0, 1, 2);
            assertTrue(out.allClose(expected, 1e-5, 1e-5, false));
        }
    }

    @Test
    void jitterSamplingRanges() {
        SplittableRandom rnd = new SplittableRandom(5);
        int[] hist = new int[2];
        for (int i = 0; i < 2000; i++) {
            SpatialParams p = ClipTransforms.trainParams(240, 320, 182, 228, 160, true, rnd);
            int s = p.scaledHeight();
            assertTrue(s >= 182 && s <= 228, "scale " + s);
            assertTrue(p.cropX() >= 0 && p.cropX() < p.scaledWidth() - 160);
            assertTrue(p.cropY() >= 0 && (p.cropY() < s - 160));
            hist[s < 205 ? 0 : 1]++;
        }
        // inverse-uniform sampling favours the small scales
        assertTrue(hist[0] > hist[1], Arrays.toString(hist));
    }

    /** Draws a white box on black, transforms pixels and box the same way, checks the box lands on the white. */
    @Test
    void transformBoxFollowsThePixels() {
        int h = 60;
        int w = 80;
        byte[] data = new byte[h * w * 3];
        for (int y = 10; y < 30; y++) {
            Arrays.fill(data, (y * w + 20) * 3, (y * w + 40) * 3, (byte) 255);
        }
        double[] box = {20.0 / w, 10.0 / h, 40.0 / w, 30.0 / h};
        SplittableRandom rnd = new SplittableRandom(11);
        try (NDManager m = manager.newSubManager()) {
            NDArray in = new DecodedClip(data, 1, h, w).toNDArray(m);
            SpatialParams[] cases = {
                    ClipTransforms.testParams(h, w, 30, 30, ClipTransforms.RIGHT),
                    new SpatialParams(h, w, 30, 40, 10, 0, 30, true),
                    ClipTransforms.trainParams(h, w, 45, 70, 40, false, rnd),
                    ClipTransforms.trainParams(h, w, 45, 70, 40, true, rnd),
                    ClipTransforms.trainParams(h, w, 45, 70, 40, false, rnd),
            };
            for (SpatialParams p : cases) {
                float[] out = ClipTransforms.apply(in, p).toFloatArray(); // (3, 1, c, c): channel 0 first
                int c = p.cropSize();
                SpatialParams.PixelBox b = p.transformBox(box[0], box[1], box[2], box[3]);
                assertTrue(b.isVisible(), p + " " + b);
                int inside = 0;
                for (int y = 0; y < c; y++) {
                    for (int x = 0; x < c; x++) {
                        float v = out[y * c + x];
                        double px = x + 0.5;
                        double py = y + 0.5;
                        boolean in1 = px > b.x1() + 1 && px < b.x2() - 1 && py > b.y1() + 1 && py < b.y2() - 1;
                        boolean out1 = px < b.x1() - 1 || px > b.x2() + 1 || py < b.y1() - 1 || py > b.y2() + 1;
                        if (in1) {
                            inside++;
                            assertTrue(v > 2.3f, p + " pixel (" + x + "," + y + ") inside " + b + " is " + v);
                        } else if (out1) {
                            assertTrue(v < -1.9f, p + " pixel (" + x + "," + y + ") outside " + b + " is " + v);
                        }
                    }
                }
                assertTrue(inside > 0, "box interior not inside the crop for " + p);
            }
        }
    }

    @Test
    void boxClipping() {
        SpatialParams p = new SpatialParams(100, 100, 100, 100, 20, 20, 50, false);
        SpatialParams.PixelBox b = p.transformBox(0.1, 0.1, 0.5, 0.9);
        assertEquals(new SpatialParams.PixelBox(0, 0, 30, 50), b);
        assertFalse(p.transformBox(0.0, 0.0, 0.1, 0.1).isVisible());
        SpatialParams f = new SpatialParams(100, 100, 100, 100, 20, 20, 50, true);
        assertEquals(new SpatialParams.PixelBox(20, 0, 50, 50), f.transformBox(0.1, 0.1, 0.5, 0.9));
    }
}
