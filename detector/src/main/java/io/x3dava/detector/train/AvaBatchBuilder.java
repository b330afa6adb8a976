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
import io.x3dava.detector.data.AvaSample;
import io.x3dava.detector.data.AvaTarget;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Applies the same scale / crop / flip to a keyframe's clip and to its person boxes (SlowFast's AVA transforms):
 * training jitters the short side in [jitterMin, jitterMax], crops at random and flips; testing scales the short side
 * to the test size and takes the center crop (paper section 5).
 */
public final class AvaBatchBuilder {

    private final int numClasses;
    private final int crop;
    private final int jitterMin;
    private final int jitterMax;

    public AvaBatchBuilder(int numClasses, int crop, int jitterMin, int jitterMax) {
        this.numClasses = numClasses;
        this.crop = crop;
        this.jitterMin = jitterMin;
        this.jitterMax = jitterMax;
    }

    /** SlowFast's AVA jitter ratio: short side 256..320 for a 224 crop. */
    public static AvaBatchBuilder forTraining(int numClasses, int crop) {
        return new AvaBatchBuilder(numClasses, crop, (int) Math.round(crop * 256.0 / 224.0),
                (int) Math.round(crop * 320.0 / 224.0));
    }

    public static AvaBatchBuilder forTesting(int numClasses, int size) {
        return new AvaBatchBuilder(numClasses, size, size, size);
    }

    public int decodeShortSide() {
        return jitterMax;
    }

    /**
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
            NDArray raw = c.clip().toNDArray(m);
            ClipTransforms.Result r = rnd == null ? ClipTransforms.test(raw, crop, crop, 1)
                    : ClipTransforms.train(raw, jitterMin, jitterMax, crop, false, rnd.split());
            views.add(r.clip());
            SpatialParams p = r.params();
            List<AvaTarget> targets = sampleOf.apply(c).targets();
            for (int j = 0; j < targets.size(); j++) {
                AvaBox b = targets.get(j).box();
                SpatialParams.PixelBox pb = p.transformBox(b.x1(), b.y1(), b.x2(), b.y2());
                if (!pb.isVisible()) {
                    continue;
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
