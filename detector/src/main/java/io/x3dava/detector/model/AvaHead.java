package io.x3dava.detector.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import io.x3dava.backbone.x3d.ReferenceNamed;
import io.x3dava.detector.roi.RoiAlign;

import java.util.Map;

/**
 * The box classifier of SlowFast's ResNetRoIHead for one pathway: temporal average pool of the clip features, RoIAlign
 * per person box on the pooled map, spatial max pool, dropout, linear to the classes. Inputs (features (N, C, T, h, w),
 * boxes (K, 5) = batch index, x1, y1, x2, y2 in input pixels); output logits (K, classes). Reference name: projection.
 */
public final class AvaHead extends AbstractBlock implements ReferenceNamed {

    private final RoiAlign roiAlign;
    private final Dropout dropout;
    private final Linear projection;
    private final int numClasses;

    public AvaHead(RoiAlign roiAlign, int numClasses, double dropoutRate) {
        this.roiAlign = roiAlign;
        this.numClasses = numClasses;
        dropout = addChildBlock("dropout", Dropout.builder().optRate((float) dropoutRate).build());
        projection = addChildBlock("projection", Linear.builder().setUnits(numClasses).optBias(true).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray features = inputs.get(0);
        NDArray boxes = inputs.get(1);
        NDArray pooled = features.mean(new int[] {2}); // temporal average pool: (N, C, h, w)
        NDArray rois = roiAlign.forward(pooled, boxes); // (K, C, 7, 7)
        Shape rs = rois.getShape();
        NDArray vec = rois.reshape(rs.get(0), rs.get(1), -1).max(new int[] {2}); // spatial max pool: (K, C)
        vec = dropout.forward(ps, new NDList(vec), training).singletonOrThrow();
        return projection.forward(ps, new NDList(vec), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {new Shape(inputs[1].get(0), numClasses)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape vec = new Shape(inputShapes[1].get(0), inputShapes[0].get(1));
        dropout.initialize(manager, dataType, vec);
        projection.initialize(manager, dataType, vec);
    }

    @Override
    public void nameParameters(String prefix, Map<String, Parameter> out) {
        out.put(prefix + ".projection.weight", projection.getParameters().get("weight"));
        out.put(prefix + ".projection.bias", projection.getParameters().get("bias"));
    }
}
