package io.x3dava.detector.model;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;

import io.x3dava.backbone.x3d.X3DComplexity;
import io.x3dava.backbone.x3d.X3DConfig;
import io.x3dava.backbone.x3d.X3DInit;
import io.x3dava.backbone.x3d.X3DStageSpec;

import java.util.Map;

/**
 * Parameters and multiply-adds of an AVA detector. Parameters are counted on the built network (so they are what
 * checkpoints hold), without BN running statistics; "paper" counting also leaves out BN gamma/beta as the X3D paper's
 * tables do. GFLOPs are per keyframe with one person box at the test size, square (the paper's cost convention):
 * backbone + conv5 on the whole map (conv5 / lin5) + per box lin_5 and the classifier; RoIAlign is not counted.
 *
 * @param params every learned parameter (PyTorch's parameters())
 * @param paperParams conv and fc weights and biases only
 * @param gflops multiply-adds in 1e9 per keyframe with one box
 */
public record DetectorComplexity(DetectorConfig config, long params, long paperParams, double gflops) {

    public static DetectorComplexity of(DetectorConfig config) {
        long all = 0;
        long paper = 0;
        try (NDManager m = NDManager.newBaseManager()) {
            AvaDetector d = AvaDetector.create(config, m, 0);
            for (Map.Entry<String, Parameter> e : d.referenceParameters().entrySet()) {
                if (e.getKey().contains(".running_")) {
                    continue;
                }
                long n = e.getValue().getArray().size();
                all += n;
                if (!X3DInit.isBatchNorm(e.getKey())) {
                    paper += n;
                }
            }
        }
        return new DetectorComplexity(config, all, paper, flops(config) / 1e9);
    }

    private static double flops(DetectorConfig c) {
        X3DConfig b = c.backbone();
        int s = c.testSize();
        X3DComplexity.Report r = X3DComplexity.of(b, b.numFrames(), s, s);
        long backbone = r.rows().stream().filter(row -> !row.name().equals("head"))
                .mapToLong(X3DComplexity.Row::flops).sum();
        X3DStageSpec res5 = X3DStageSpec.of(b).get(3);
        // res5's output shape is "CxTxHxW": conv5 maps C to the last stage's inner width at every position.
        String[] dims = r.rows().get(r.rows().size() - 2).outputShape().split("x");
        double positions = Double.parseDouble(dims[1]) * Double.parseDouble(dims[2]) * Double.parseDouble(dims[3]);
        double head = 0;
        long vector = res5.dimOut();
        if (c.features().usesConv5()) {
            head += positions * res5.dimOut() * res5.dimInner();
            vector = res5.dimInner();
        }
        if (c.features() == DetectorFeatures.LIN5) {
            head += (double) res5.dimInner() * b.dimC5();
            vector = b.dimC5();
        }
        head += (double) vector * c.numClasses();
        return backbone + head;
    }
}
