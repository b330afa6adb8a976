package io.x3dava.backbone.x3d;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An X3D network with its BatchNorms folded, as a description: the convolutions in order, with their PySlowFast keys.
 * {@link X3DInference} runs it through libtorch, {@link X3DOnnx} writes it as an ONNX graph.
 *
 * @param conv5 the head's conv_5 (BN folded), or null for a backbone read at res5
 * @param lin5 the head's lin_5 (no BN), or null without the classifier
 * @param projectionWeight the classifier (classes, C5), or null
 * @param projectionBias (classes), or null
 * @param poolWindow the head's average pool: the training clip's res5 extent (T, ceil(crop / 32), same)
 */
record FoldedX3D(X3DConfig config, FoldedConv stemXy, FoldedConv stemT, List<FoldedBlock> blocks, FoldedConv conv5,
                 FoldedConv lin5, NDArray projectionWeight, NDArray projectionBias, Shape poolWindow) {

    /** How much of the head a folded copy holds. */
    enum Head {
        /** conv5, lin5 and the projection. */
        CLASSIFIER,
        /** conv5 only: the AVA detector's conv5 / lin5 input. */
        CONV5,
        /** none: the trunk ends at res5. */
        NONE
    }

    /** Folds the state dict {@code sd} (PySlowFast keys); the copies live in {@code manager}. */
    static FoldedX3D of(X3DConfig config, Map<String, NDArray> sd, Head head, NDManager manager) {
        String stem = "s1.pathway0_stem";
        int width = X3DStageSpec.stemWidth(config);
        int kt = config.stemTemporalKernel();
        FoldedConv stemXy = FoldedConv.of(sd, stem + ".conv_xy", null, new Shape(1, 2, 2), new Shape(0, 1, 1), 1,
                manager);
        FoldedConv stemT = FoldedConv.of(sd, stem + ".conv", stem + ".bn", new Shape(1, 1, 1), new Shape(kt / 2, 0, 0),
                width, manager);
        List<FoldedBlock> blocks = new ArrayList<>();
        for (X3DStageSpec spec : X3DStageSpec.of(config)) {
            for (int i = 0; i < spec.depth(); i++) {
                String p = "s" + spec.index() + ".pathway0_res" + i;
                int stride = spec.spatialStride(i);
                FoldedConv branch1 = sd.containsKey(p + ".branch1.weight") ? FoldedConv.of(sd, p + ".branch1",
                        p + ".branch1_bn", new Shape(1, stride, stride), new Shape(0, 0, 0), 1, manager) : null;
                String t = p + ".branch2";
                FoldedConv a = FoldedConv.pointwise(sd, t + ".a", t + ".a_bn", manager);
                FoldedConv b = FoldedConv.of(sd, t + ".b", t + ".b_bn", new Shape(1, stride, stride),
                        new Shape(1, 1, 1), spec.dimInner(), manager);
                FoldedBlock.Se se = spec.hasSe(i) ? new FoldedBlock.Se(t + ".se",
                        matrix(sd, t + ".se.fc1.weight", manager), copy(sd, t + ".se.fc1.bias", manager),
                        matrix(sd, t + ".se.fc2.weight", manager), copy(sd, t + ".se.fc2.bias", manager)) : null;
                FoldedConv c = FoldedConv.pointwise(sd, t + ".c", t + ".c_bn", manager);
                blocks.add(new FoldedBlock(branch1, a, b, se, c));
            }
        }
        FoldedConv conv5 = head != Head.NONE ? FoldedConv.pointwise(sd, "head.conv_5", "head.conv_5_bn", manager)
                : null;
        boolean classifier = head == Head.CLASSIFIER;
        FoldedConv lin5 = classifier ? FoldedConv.pointwise(sd, "head.lin_5", null, manager) : null;
        NDArray projectionWeight = classifier ? copy(sd, "head.projection.weight", manager) : null;
        NDArray projectionBias = classifier ? copy(sd, "head.projection.bias", manager) : null;
        int side = (int) Math.ceil(config.trainCrop() / 32.0); // as X3DHead.of: the training clip's res5 extent
        return new FoldedX3D(config, stemXy, stemT, List.copyOf(blocks), conv5, lin5, projectionWeight,
                projectionBias, new Shape(config.numFrames(), side, side));
    }

    private static NDArray copy(Map<String, NDArray> sd, String key, NDManager manager) {
        return FoldedConv.copy(FoldedConv.require(sd, key), manager);
    }

    /** A 1x1x1 conv weight (O, I, 1, 1, 1) as the (O, I) matrix of a linear layer. */
    private static NDArray matrix(Map<String, NDArray> sd, String key, NDManager manager) {
        NDArray w = FoldedConv.require(sd, key);
        Shape s = w.getShape();
        try (NDArray view = w.reshape(s.get(0), s.get(1))) {
            return FoldedConv.copy(view, manager);
        }
    }
}
