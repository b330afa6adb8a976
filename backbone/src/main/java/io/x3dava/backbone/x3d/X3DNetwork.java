package io.x3dava.backbone.x3d;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The X3D classification network: {@link X3DBackbone} then {@link X3DHead}. Input (N, 3, T, H, W), output logits.
 * {@link #referenceParameters()} lists every parameter and BN statistic under its PySlowFast state-dict key.
 */
public final class X3DNetwork extends AbstractBlock implements ReferenceNamed {

    private final X3DConfig config;
    private final X3DBackbone backbone;
    private final X3DHead head;

    public X3DNetwork(X3DConfig config) {
        this.config = config;
        backbone = addChildBlock("backbone", new X3DBackbone(config));
        head = addChildBlock("head", X3DHead.of(config));
    }

    public X3DConfig config() {
        return config;
    }

    public X3DBackbone backbone() {
        return backbone;
    }

    public X3DHead head() {
        return head;
    }

    /** Input shape of one training clip with batch size {@code batch}. */
    public Shape trainingInputShape(int batch) {
        return new Shape(batch, 3, config.numFrames(), config.trainCrop(), config.trainCrop());
    }

    /** Allocates and initialises every parameter for the training clip shape (values are set by X3DInit). */
    public void initialize(NDManager manager) {
        initialize(manager, DataType.FLOAT32, trainingInputShape(1));
    }

    /**
     * Class scores as the reference evaluates: softmax (Kinetics) or sigmoid (Charades) of each position's logits,
     * averaged over positions.
     */
    public NDArray scores(ParameterStore ps, NDArray clips, boolean sigmoid) {
        NDArray logits = forward(ps, new NDList(clips), false).singletonOrThrow();
        NDArray p = sigmoid ? logits.getNDArrayInternal().sigmoid() : logits.softmax(-1);
        return logits.getShape().dimension() == 3 ? p.mean(new int[] {1}) : p;
    }

    /**
     * An inference-only copy with every BatchNorm folded into its convolution, derived from the current weights
     * (see {@link X3DInference}); this network stays the one that trains and saves. Close it when done.
     */
    public X3DInference forInference(NDManager manager) {
        return X3DInference.of(this, manager);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDList res5 = backbone.forward(ps, inputs, training);
        return head.forward(ps, res5, training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return head.getOutputShapes(backbone.getOutputShapes(inputs));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        backbone.initialize(manager, dataType, inputShapes);
        head.initialize(manager, dataType, backbone.getOutputShapes(inputShapes));
    }

    @Override
    public void nameParameters(String prefix, Map<String, Parameter> out) {
        String p = prefix.isEmpty() ? "" : prefix + ".";
        backbone.nameParameters(prefix, out);
        head.nameParameters(p + "head", out);
    }

    /** Parameter and BN statistic per PySlowFast key, in the reference's state-dict order. */
    public LinkedHashMap<String, Parameter> referenceParameters() {
        LinkedHashMap<String, Parameter> out = new LinkedHashMap<>();
        nameParameters("", out);
        return out;
    }
}
