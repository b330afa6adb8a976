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
import io.x3dava.backbone.x3d.X3DLin5;
import io.x3dava.detector.roi.RoiAlign;

import java.util.Map;

/**
 * The box classifier of SlowFast's ResNetRoIHead for one pathway: temporal average pool of the clip features, RoIAlign
 * per person box on the pooled map, spatial max pool, (optionally X3D's lin_5 and ReLU on the box vector), dropout,
 * linear to the classes. Inputs (features (N, C, T, h, w), boxes (K, 5) = batch index, x1, y1, x2, y2 in input pixels);
 * output logits (K, classes). Reference names: projection, lin_5.
 */
public final class AvaHead extends AbstractBlock implements ReferenceNamed {

    private final RoiAlign roiAlign;
    private final X3DLin5 lin5;
    private final Dropout dropout;
    private final Linear projection;
    private final int numClasses;

    public AvaHead(RoiAlign roiAlign, int numClasses, double dropoutRate) {
        this(roiAlign, null, numClasses, dropoutRate);
    }

    /** @param lin5 X3D's lin_5 applied to each pooled box vector, or null to classify the pooled vector directly */
    public AvaHead(RoiAlign roiAlign, X3DLin5 lin5, int numClasses, double dropoutRate) {
        this.roiAlign = roiAlign;
        this.lin5 = lin5 == null ? null : addChildBlock("lin_5", lin5);
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
        if (lin5 != null) {
            // lin_5 is a 1x1x1 conv: applied to the (K, C, 1, 1, 1) box vectors, as X3DHead applies it after pooling.
            NDArray y = lin5.forward(ps, new NDList(vec.reshape(rs.get(0), rs.get(1), 1, 1, 1)), training)
                    .singletonOrThrow();
            vec = y.reshape(rs.get(0), -1);
        }
        vec = dropout.forward(ps, new NDList(vec), training).singletonOrThrow();
        return projection.forward(ps, new NDList(vec), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {new Shape(inputs[1].get(0), numClasses)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long k = inputShapes[1].get(0);
        long width = inputShapes[0].get(1);
        if (lin5 != null) {
            Shape in = new Shape(k, width, 1, 1, 1);
            lin5.initialize(manager, dataType, in);
            width = lin5.getOutputShapes(new Shape[] {in})[0].get(1);
        }
        Shape vec = new Shape(k, width);
        dropout.initialize(manager, dataType, vec);
        projection.initialize(manager, dataType, vec);
    }

    @Override
    public void nameParameters(String prefix, Map<String, Parameter> out) {
        if (lin5 != null) {
            lin5.nameParameters(prefix, out);
        }
        out.put(prefix + ".projection.weight", projection.getParameters().get("weight"));
        out.put(prefix + ".projection.bias", projection.getParameters().get("bias"));
    }
}
