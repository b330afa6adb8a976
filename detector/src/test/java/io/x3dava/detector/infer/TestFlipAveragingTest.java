package io.x3dava.detector.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import io.x3dava.annotations.ava.AvaBox;
import io.x3dava.annotations.ava.AvaDetectionRow;
import io.x3dava.annotations.ava.Keyframe;
import io.x3dava.backbone.video.DecodedClip;
import io.x3dava.backbone.video.FrameSource;
import io.x3dava.backbone.video.FrameSources;
import io.x3dava.backbone.x3d.X3DPresets;
import io.x3dava.detector.data.AvaSample;
import io.x3dava.detector.data.AvaTarget;
import io.x3dava.detector.model.AvaDetector;
import io.x3dava.detector.model.DetectorConfig;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * Test-time flip (--test-flip): each box's scores are the mean of the plain view and the mirrored view, and the rows
 * carry the original boxes. The mirrored view is computed independently here: the same network run without flip on
 * a video whose frames are the mirror images, with the boxes mirrored (x -> 1 - x).
 */
class TestFlipAveragingTest {
    static final int H = 32;
    static final int W = 48;

    /** 90 frames of noise at the test size (no resize), or their mirror images. */
    record NoiseVideo(boolean mirrored) implements FrameSource {
        @Override
        public double fps() {
            return 30;
        }

        @Override
        public long frameCount() {
            return 90;
        }

        @Override
        public int width() {
            return W;
        }

        @Override
        public int height() {
            return H;
        }

        @Override
        public DecodedClip read(long[] frameIndices, int shortSide) {
            assertTrue(shortSide <= 0 || shortSide == H, "frames are read at their size: " + shortSide);
            byte[] rgb = new byte[frameIndices.length * H * W * 3];
            for (int f = 0; f < frameIndices.length; f++) {
                SplittableRandom r = new SplittableRandom(Math.min(Math.max(frameIndices[f], 0), 89));
                for (int y = 0; y < H; y++) {
                    for (int x = 0; x < W; x++) {
                        int xo = mirrored ? W - 1 - x : x;
                        for (int c = 0; c < 3; c++) {
                            // left half darker than right: the mirrored view differs from the plain one
                            rgb[((f * H + y) * W + xo) * 3 + c] = (byte) (r.nextInt(128) + (x < W / 2 ? 0 : 100));
                        }
                    }
                }
            }
            return new DecodedClip(rgb, frameIndices.length, H, W);
        }

        @Override
        public void close() {
        }
    }

    private static List<AvaDetectionRow> detect(AvaDetector d, FrameSources.Opener opener, boolean mirrorBoxes,
                                                boolean flip, List<AvaDetectionRow> unflipped) {
        List<AvaBox> boxes = List.of(new AvaBox(0.05, 0.1, 0.45, 0.9), new AvaBox(0.5, 0.2, 0.95, 0.7));
        List<AvaTarget> targets = boxes.stream().map(b -> new AvaTarget(mirrorBoxes
                ? new AvaBox(1 - b.x2(), b.y1(), 1 - b.x1(), b.y2()) : b, List.of(), 1.0)).toList();
        AvaSample s = new AvaSample(new Keyframe("noise", 902), Path.of("noise.mp4"), 1.5, targets);
        try (NDManager m = NDManager.newBaseManager()) {
            AvaInference.Result r = new AvaInference(d, List.of(1, 2, 3), 2, 1, opener)
                    .withTestView(TestCrop.FULL, flip).run(m, List.of(s), n -> { });
            unflipped.addAll(r.unflippedRows());
            return r.rows();
        }
    }

    @Test
    void scoresAreTheMeanOfThePlainAndTheMirroredViewOnTheOriginalBoxes() {
        DetectorConfig cfg = DetectorConfig.paper(X3DPresets.get("XS").withClip(4, 2, 32), 3).withCrops(32, H);
        try (NDManager m = NDManager.newBaseManager()) {
            AvaDetector d = AvaDetector.create(cfg, m, 5);
            // a classifier with large weights, so that the two views' scores differ clearly
            NDArray w = d.referenceParameters().get("head.projection.weight").getArray();
            Random rng = new Random(3);
            float[] v = new float[(int) w.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (3 * rng.nextGaussian());
            }
            w.set(v);
            List<AvaDetectionRow> none = new java.util.ArrayList<>();
            List<AvaDetectionRow> plain = detect(d, p -> new NoiseVideo(false), false, false, none);
            List<AvaDetectionRow> mirror = detect(d, p -> new NoiseVideo(true), true, false, none);
            List<AvaDetectionRow> unflipped = new java.util.ArrayList<>();
            List<AvaDetectionRow> flipped = detect(d, p -> new NoiseVideo(false), false, true, unflipped);
            assertEquals(6, plain.size());
            assertEquals(6, flipped.size());
            assertEquals(6, unflipped.size());
            double spread = 0;
            for (int i = 0; i < 6; i++) {
                AvaDetectionRow a = plain.get(i);
                AvaDetectionRow b = mirror.get(i);
                AvaDetectionRow f = flipped.get(i);
                assertEquals(a.box(), f.box(), "the rows carry the original box, mirrored back");
                assertEquals(a.actionId(), f.actionId());
                assertEquals(a.score(), unflipped.get(i).score(), 1e-6, "the unflipped rows are the plain view");
                assertEquals((a.score() + b.score()) / 2, f.score(), 2e-5, "row " + i + ": mean of " + a.score()
                        + " and the mirrored view's " + b.score());
                spread = Math.max(spread, Math.abs(a.score() - b.score()));
            }
            assertTrue(spread > 0.01, "the two views must differ for this test to mean anything: " + spread);
        }
    }
}
