package io.x3dava.backbone.x3d;

/**
 * Trainable parameters as PyTorch counts them ({@code sum(p.numel() for p in model.parameters())}): the conv and fc
 * weights and biases of {@link X3DComplexity} plus every BatchNorm's gamma and beta (running statistics are buffers,
 * not parameters). Computed from the config, so no network is built.
 */
public final class X3DParameterCount {

    private X3DParameterCount() {
    }

    /** Channels normalised by BatchNorm layers: stem bn; a_bn, b_bn, c_bn (+ branch1_bn) per block; conv_5_bn. */
    public static long batchNormChannels(X3DConfig c) {
        long channels = X3DStageSpec.stemWidth(c);
        int inner = 0;
        for (X3DStageSpec s : X3DStageSpec.of(c)) {
            int dimIn = s.dimIn();
            for (int b = 0; b < s.depth(); b++) {
                channels += 2L * s.dimInner() + s.dimOut();
                if (b == 0 && (dimIn != s.dimOut() || s.spatialStride(b) != 1)) {
                    channels += s.dimOut();
                }
                dimIn = s.dimOut();
            }
            inner = s.dimInner();
        }
        return channels + inner;
    }

    /** Conv/fc parameters (the paper's count) plus BatchNorm gamma and beta. */
    public static long withBatchNorm(X3DConfig c) {
        return X3DComplexity.ofTrainingClip(c).params() + 2 * batchNormChannels(c);
    }
}
