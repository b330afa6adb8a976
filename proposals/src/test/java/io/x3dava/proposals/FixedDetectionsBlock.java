package io.x3dava.proposals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A stand-in detector for tests: whatever the image, it returns the boxes, scores and labels stored in its parameters,
 * in the torchvision output layout (boxes N x 4 float, scores N float, labels N int64). Its parameters go through
 * DJL's .params format (Model.save / Criteria.optBlock), so loading a model from a file is exercised without Python.
 */
final class FixedDetectionsBlock extends AbstractBlock {
    private final Parameter boxes;
    private final Parameter scores;
    private final Parameter labels;
    private final int n;

    FixedDetectionsBlock(int n) {
        super((byte) 1);
        this.n = n;
        boxes = addParameter(Parameter.builder().setName("boxes").setType(Parameter.Type.OTHER).optRequiresGrad(false).build());
        scores = addParameter(Parameter.builder().setName("scores").setType(Parameter.Type.OTHER).optRequiresGrad(false).build());
        labels = addParameter(Parameter.builder().setName("labels").setType(Parameter.Type.OTHER).optRequiresGrad(false).build());
    }

    /** Sets the detections and marks the block initialized, as Model.save requires. */
    void setDetections(NDManager manager, float[][] xyxy, float[] score, float[] label) {
        float[] flat = new float[n * 4];
        for (int i = 0; i < n; i++) {
            System.arraycopy(xyxy[i], 0, flat, 4 * i, 4);
        }
        boxes.setArray(manager.create(flat, new Shape(n, 4)));
        scores.setArray(manager.create(score));
        labels.setArray(manager.create(label));
        initialize(manager, DataType.FLOAT32, new Shape(3, 96, 128)); // parameters are set: only records the input shape
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDManager m = inputs.head().getManager();
        NDArray b = m.create(boxes.getArray().toFloatArray(), new Shape(n, 4));
        NDArray s = m.create(scores.getArray().toFloatArray());
        NDArray l = m.create(labels.getArray().toFloatArray()).toType(DataType.INT64, false);
        return new NDList(b, s, l);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(n, 4), new Shape(n), new Shape(n)};
    }
}
