package io.x3dava.detector.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import io.x3dava.annotations.ava.AvaBox;
import io.x3dava.backbone.video.ClipTransforms;
import io.x3dava.backbone.video.LoadedClip;
import io.x3dava.backbone.video.SpatialParams;
import io.x3dava.backbone.x3d.ShortSideRatio;
import io.x3dava.detector.data.AvaSample;
import io.x3dava.detector.data.AvaTarget;
import io.x3dava.detector.infer.TestCrop;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Applies the same scale / crop / flip to a keyframe's clip and to its person boxes (SlowFast's AVA transforms):
 * training jitters the short side in [jitterMin, jitterMax], crops a square at random and flips with p = 0.5; testing
 * scales the short side to the test size and keeps the full frame (PySlowFast's test split) or takes the centre
 * square, optionally mirrored (AVA.TEST_FORCE_FLIP).
 */
public final class AvaBatchBuilder {

    private final int numClasses;
    private final int crop;
    private final int jitterMin;
    private final int jitterMax;
    private final TestCrop testCrop;
    private final boolean testFlip;

    private AvaBatchBuilder(int numClasses, int crop, int jitterMin, int jitterMax, TestCrop testCrop,
                            boolean testFlip) {
        this.numClasses = numClasses;
        this.crop = crop;
        this.jitterMin = jitterMin;
        this.jitterMax = jitterMax;
        this.testCrop = testCrop;
        this.testFlip = testFlip;
    }

    /** SlowFast's AVA jitter: short side 256..320 for a 224 crop (TRAIN_JITTER_SCALES), scaled to {@code crop}. */
    public static AvaBatchBuilder forTraining(int numClasses, int crop) {
        return new AvaBatchBuilder(numClasses, crop, ShortSideRatio.AVA_JITTER_MIN.of(crop),
                ShortSideRatio.AVA_JITTER_MAX.of(crop), null, false);
    }

    /**
     * @param size test short side (and square side for {@link TestCrop#CENTER})
     * @param flip mirror every clip and its boxes (AVA.TEST_FORCE_FLIP)
     */
    public static AvaBatchBuilder forTesting(int numClasses, int size, TestCrop testCrop, boolean flip) {
        return new AvaBatchBuilder(numClasses, size, size, size, testCrop, flip);
    }

    /** The same test transform, mirrored or not. */
    public AvaBatchBuilder withFlip(boolean flip) {
        return new AvaBatchBuilder(numClasses, crop, jitterMin, jitterMax, testCrop, flip);
    }

    public int decodeShortSide() {
        return jitterMax;
    }

    /** One transformed clip and the mapping of its boxes. */
    private record View(NDArray clip, Function<AvaBox, SpatialParams.PixelBox> boxes) {
    }

    private View view(NDArray raw, SplittableRandom rnd) {
        Shape s = raw.getShape();
        int h = (int) s.get(1);
        int w = (int) s.get(2);
        if (rnd != null) {
            ClipTransforms.Result r = ClipTransforms.train(raw, jitterMin, jitterMax, crop, false, rnd.split());
            return new View(r.clip(), b -> r.params().transformBox(b.x1(), b.y1(), b.x2(), b.y2()));
        }
        if (testCrop == TestCrop.FULL) {
            FrameView v = FrameView.full(h, w, crop, testFlip);
            return new View(v.apply(raw), b -> v.transformBox(b.x1(), b.y1(), b.x2(), b.y2()));
        }
        SpatialParams c = ClipTransforms.testParams(h, w, crop, crop, ClipTransforms.CENTER);
        SpatialParams p = new SpatialParams(c.inputHeight(), c.inputWidth(), c.scaledHeight(), c.scaledWidth(),
                c.cropX(), c.cropY(), c.cropSize(), testFlip);
        return new View(ClipTransforms.apply(raw, p), b -> p.transformBox(b.x1(), b.y1(), b.x2(), b.y2()));
    }

    /**
     * @param clips clips whose frames have one size (full-frame views of different aspect ratios cannot be stacked:
     *     the caller groups them)
     * @param sampleOf the AVA sample a loaded clip was made for (from its request tag)
     * @param rnd augmentation randomness, null for testing
     */
    public AvaBatch build(NDManager m, List<LoadedClip> clips, Function<LoadedClip, AvaSample> sampleOf,
                          SplittableRandom rnd) {
        NDList views = new NDList();
        List<float[]> boxes = new ArrayList<>();
        List<int[]> refs = new ArrayList<>();
        List<float[]> labels = new ArrayList<>();
        for (int i = 0; i < clips.size(); i++) {
            LoadedClip c = clips.get(i);
            View v = view(c.clip().toNDArray(m), rnd);
            if (!views.isEmpty() && !views.get(0).getShape().equals(v.clip().getShape())) {
                throw new IllegalArgumentException("clips of one batch must have one size, got "
                        + views.get(0).getShape() + " and " + v.clip().getShape());
            }
            views.add(v.clip());
            List<AvaTarget> targets = sampleOf.apply(c).targets();
            for (int j = 0; j < targets.size(); j++) {
                SpatialParams.PixelBox pb = v.boxes().apply(targets.get(j).box());
                if (!pb.isVisible()) {
                    continue; // outside the crop: no pixels of this person are in the input
                }
                boxes.add(new float[] {i, (float) pb.x1(), (float) pb.y1(), (float) pb.x2(), (float) pb.y2()});
                refs.add(new int[] {i, j});
                float[] l = new float[numClasses];
                for (int id : targets.get(j).actionIds()) {
                    if (id >= 1 && id <= numClasses) {
                        l[id - 1] = 1f;
                    }
                }
                labels.add(l);
            }
        }
        NDArray clipArray = NDArrays.stack(views);
        views.close();
        float[] flatBoxes = new float[boxes.size() * 5];
        float[] flatLabels = new float[labels.size() * numClasses];
        for (int k = 0; k < boxes.size(); k++) {
            System.arraycopy(boxes.get(k), 0, flatBoxes, k * 5, 5);
            System.arraycopy(labels.get(k), 0, flatLabels, k * numClasses, numClasses);
        }
        return new AvaBatch(clipArray, m.create(flatBoxes, new Shape(boxes.size(), 5)),
                m.create(flatLabels, new Shape(labels.size(), numClasses)), refs);
    }
}
