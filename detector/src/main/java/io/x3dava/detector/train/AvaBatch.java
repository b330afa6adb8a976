package io.x3dava.detector.train;

import ai.djl.ndarray.NDArray;

import java.util.List;

/**
 * Network inputs for a batch of keyframes.
 *
 * @param clips (N, 3, T, h, w): a square crop, or the full frame at test time
 * @param boxes (K, 5): clip index, x1, y1, x2, y2 in crop pixels (boxes that fall outside the crop are left out)
 * @param labels (K, classes) multi-hot, output index = action id - 1
 * @param refs for each of the K rows, (clip index, target index) in the input
 */
public record AvaBatch(NDArray clips, NDArray boxes, NDArray labels, List<int[]> refs) {

    public int boxCount() {
        return refs.size();
    }
}
