package io.x3dava.detector.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import io.x3dava.backbone.x3d.ReferenceNamed;
import io.x3dava.backbone.x3d.X3DBackbone;
import io.x3dava.backbone.x3d.X3DConv5;
import io.x3dava.backbone.x3d.X3DInference;
import io.x3dava.backbone.x3d.X3DInit;
import io.x3dava.backbone.x3d.X3DLin5;
import io.x3dava.detector.roi.RoiAlign;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * X3D backbone + AVA box head. Inputs: clips (N, 3, T, H, W) and boxes (K, 5); output logits (K, classes). Parameter
 * keys: the backbone's PySlowFast keys (s1..s5), head.conv_5 / head.conv_5_bn when reading conv5 (or lin5), head.lin_5
 * with lin5, head.projection: the names of X3D's Kinetics head, so a Kinetics checkpoint fills them.
 */
public final class AvaDetector extends AbstractBlock implements ReferenceNamed {

    private final DetectorConfig config;
    private final X3DBackbone backbone;
    private final X3DConv5 conv5;
    private final AvaHead head;

    public AvaDetector(DetectorConfig config) {
        this.config = config;
        backbone = addChildBlock("backbone", new X3DBackbone(config.backbone()));
        conv5 = config.features().usesConv5() ? addChildBlock("conv5", X3DConv5.of(config.backbone())) : null;
        X3DLin5 lin5 = config.features() == DetectorFeatures.LIN5 ? X3DLin5.of(config.backbone()) : null;
        head = addChildBlock("head", new AvaHead(new RoiAlign(config.roi()), lin5, config.numClasses(),
                config.dropout()));
    }

    public DetectorConfig config() {
        return config;
    }

    /** A detector with every parameter allocated and set by PySlowFast's init (the classifier: normal std 0.01). */
    public static AvaDetector create(DetectorConfig config, NDManager manager, long seed) {
        AvaDetector d = new AvaDetector(config);
        Shape clip = new Shape(1, 3, config.backbone().numFrames(), config.trainCrop(), config.trainCrop());
        d.initialize(manager, DataType.FLOAT32, clip, new Shape(1, 5));
        X3DInit.apply(d.referenceParameters(), seed);
        return d;
    }

    /** The feature map the boxes are pooled from (res5, or conv5 of it for conv5 and lin5). */
    public NDArray features(ParameterStore ps, NDArray clips, boolean training) {
        NDList f = backbone.forward(ps, new NDList(clips), training);
        return conv5 == null ? f.singletonOrThrow() : conv5.forward(ps, f, training).singletonOrThrow();
    }

    /**
     * The backbone (and conv5) with BN folded, for inference: {@code features(clips)} of the copy equals
     * {@link #features} in eval mode, faster and with activations freed as they are consumed. A snapshot of the values
     * {@code ps} gives on {@code device} (close it, or {@code manager}, when done; derive a new one after training).
     */
    public X3DInference forInference(ParameterStore ps, Device device, NDManager manager) {
        Map<String, NDArray> sd = new LinkedHashMap<>();
        referenceParameters().forEach((k, p) -> sd.put(k, ps.getValue(p, device, false)));
        return X3DInference.features(config.backbone(), sd, conv5 != null, manager);
    }

    /** Box logits from already computed features (inference runs the backbone once per keyframe). */
    public NDArray classify(ParameterStore ps, NDArray features, NDArray boxes, boolean training) {
        return head.forward(ps, new NDList(features, boxes), training).singletonOrThrow();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return new NDList(classify(ps, features(ps, inputs.get(0), training), inputs.get(1), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return head.getOutputShapes(new Shape[] {featureShape(inputs[0]), inputs[1]});
    }

    private Shape featureShape(Shape clip) {
        Shape s = backbone.getOutputShapes(new Shape[] {clip})[0];
        return conv5 == null ? s : conv5.getOutputShapes(new Shape[] {s})[0];
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        backbone.initialize(manager, dataType, inputShapes[0]);
        Shape res5 = backbone.getOutputShapes(new Shape[] {inputShapes[0]})[0];
        if (conv5 != null) {
            conv5.initialize(manager, dataType, res5);
        }
        head.initialize(manager, dataType, featureShape(inputShapes[0]), inputShapes[1]);
    }

    @Override
    public void nameParameters(String prefix, Map<String, Parameter> out) {
        backbone.nameParameters(prefix, out);
        String p = prefix.isEmpty() ? "head" : prefix + ".head";
        if (conv5 != null) {
            conv5.nameParameters(p, out);
        }
        head.nameParameters(p, out);
    }

    public LinkedHashMap<String, Parameter> referenceParameters() {
        LinkedHashMap<String, Parameter> out = new LinkedHashMap<>();
        nameParameters("", out);
        return out;
    }
}
