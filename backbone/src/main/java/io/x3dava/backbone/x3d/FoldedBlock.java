package io.x3dava.backbone.x3d;

import ai.djl.ndarray.NDArray;

/**
 * One X3D residual block with its BatchNorms folded: ReLU(c(Swish(SE(b(ReLU(a(x)))))) + shortcut(x)).
 *
 * @param branch1 the projection shortcut (stride as b), or null for the identity
 * @param se the squeeze-excitation after b, or null for a block without
 */
record FoldedBlock(FoldedConv branch1, FoldedConv a, FoldedConv b, Se se, FoldedConv c) {

    /**
     * SE as two linear layers on the channel means: w1 (C_se, C), b1 (C_se), w2 (C, C_se), b2 (C); {@code key} is
     * the SE module's state-dict key ({@code ...branch2.se}: its fc1 / fc2 are 1x1x1 convolutions there).
     */
    record Se(String key, NDArray w1, NDArray b1, NDArray w2, NDArray b2) {
    }
}
