package io.x3dava.detector.roi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * RoIAlign (He et al., Mask R-CNN) from differentiable NDArray operations, equal to torchvision.ops.roi_align in values
 * and gradients. DJL has no RoIAlign operator: the sample positions and bilinear weights depend only on the boxes and
 * are computed in Java ({@link RoiSamplingPlan}); the features are then gathered with one indexing op and combined
 * with one weighted sum, so autograd yields the exact scatter-add gradient w.r.t. the feature map.
 */
public final class RoiAlign {
    private final RoiAlignConfig config;

    public RoiAlign(RoiAlignConfig config) {
        this.config = config;
    }

    public RoiAlignConfig config() {
        return config;
    }

    /**
     * @param features (N, C, H, W) feature map
     * @param boxes (K, 5): batch index, x1, y1, x2, y2 in input-image pixels (not differentiated)
     * @return (K, C, out, out), attached to the features' manager
     */
    public NDArray forward(NDArray features, NDArray boxes) {
        Shape fs = features.getShape();
        if (fs.dimension() != 4) {
            throw new IllegalArgumentException("features must be (N, C, H, W), got " + fs);
        }
        Shape bs = boxes.getShape();
        if (bs.dimension() != 2 || bs.get(1) != 5) {
            throw new IllegalArgumentException("boxes must be (K, 5) = (batch, x1, y1, x2, y2), got " + bs);
        }
        int n = (int) fs.get(0);
        int c = (int) fs.get(1);
        int h = (int) fs.get(2);
        int w = (int) fs.get(3);
        int k = (int) bs.get(0);
        int p = config.outputSize();
        NDManager manager = features.getManager();
        if (k == 0) {
            return manager.zeros(new Shape(0, c, p, p), features.getDataType());
        }
        float[] boxValues;
        try (NDArray b32 = boxes.toType(DataType.FLOAT32, true)) {
            boxValues = b32.toFloatArray();
        }
        RoiSamplingPlan plan = RoiSamplingPlan.of(boxValues, k, n, h, w, config);
        // intermediates are closed here; the autograd graph keeps its own references for backward
        try (NDArray rows = features.transpose(0, 2, 3, 1).reshape(n * (long) h * w, c);
                NDArray index = manager.create(plan.index);
                NDArray weight32 = manager.create(plan.weight, new Shape(plan.cells, plan.slots, 1));
                NDArray weight = weight32.toType(features.getDataType(), false);
                NDArray taps = rows.get(new NDIndex("{}", index)).reshape(plan.cells, plan.slots, c);
                NDArray weighted = taps.mul(weight);
                NDArray summed = weighted.sum(new int[] {1});
                NDArray cellsLast = summed.reshape(k, p, p, c)) {
            return cellsLast.transpose(0, 3, 1, 2);
        }
    }
}
