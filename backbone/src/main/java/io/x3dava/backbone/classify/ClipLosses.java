package io.x3dava.backbone.classify;

import ai.djl.ndarray.NDArray;

/**
 * The two classification losses, written out because DJL's built-ins differ from PyTorch's (its sigmoid BCE with
 * fromSigmoid=true returns the negated loss).
 */
public final class ClipLosses {

    private ClipLosses() {
    }

    /** torch.nn.CrossEntropyLoss (mean over the batch) of logits (N, C) against one-hot targets (N, C). */
    public static NDArray softmaxCrossEntropy(NDArray logits, NDArray oneHot) {
        return logits.logSoftmax(-1).mul(oneHot).sum(new int[] {1}).neg().mean();
    }

    /**
     * torch.nn.BCEWithLogitsLoss (mean over all elements) in its stable form: max(x, 0) - x * y + log(1 + exp(-|x|)).
     */
    public static NDArray binaryCrossEntropyWithLogits(NDArray logits, NDArray targets) {
        NDArray relu = logits.maximum(0f);
        NDArray softplus = logits.abs().neg().exp().add(1f).log(); // exp(-|x|) <= 1, so no overflow
        return relu.sub(logits.mul(targets)).add(softplus).mean();
    }
}
