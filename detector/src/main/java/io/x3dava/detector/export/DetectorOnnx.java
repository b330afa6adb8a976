package io.x3dava.detector.export;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import ai.onnx.proto.OnnxMl;

import io.x3dava.backbone.onnx.OnnxGraph;
import io.x3dava.backbone.onnx.OnnxGraph.Dim;
import io.x3dava.backbone.onnx.OnnxMetadata;
import io.x3dava.backbone.train.PretrainedWeights;
import io.x3dava.backbone.x3d.X3DOnnx;
import io.x3dava.detector.model.AvaDetector;
import io.x3dava.detector.model.DetectorCheckpoint;
import io.x3dava.detector.model.DetectorConfig;
import io.x3dava.detector.model.DetectorFeatures;
import io.x3dava.detector.roi.RoiAlignConfig;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A trained AVA detector as an ONNX model with standard operators only. Inputs {@code clips} (N, 3, T, H, W) and
 * {@code boxes} (K, 5) = (batch index, x1, y1, x2, y2 in input pixels); output {@code scores} (K, classes) after the
 * sigmoid. The graph: the BN-folded backbone to res5 (or conv5), ReduceMean over time, ONNX {@code RoiAlign}
 * (mode avg, the checkpoint's output size, spatial scale and sampling ratio, coordinate_transformation_mode half_pixel
 * for torchvision's aligned=True), ReduceMax over the bins, lin_5 + Relu when the detector has it, the classifier
 * (Gemm) and Sigmoid: what {@link AvaDetector} computes in eval mode.
 *
 * @param detector the detector with the checkpoint's weights
 * @param checkpoint where it came from (config and class names)
 */
public record DetectorOnnx(AvaDetector detector, DetectorCheckpoint checkpoint) {

    /** Reads a checkpoint folder (config.json, model.safetensors, labelmap.pbtxt). */
    public static DetectorOnnx load(DetectorCheckpoint checkpoint, NDManager m) throws IOException {
        AvaDetector d = AvaDetector.create(checkpoint.config(), m, 0);
        PretrainedWeights.load(checkpoint.dir(), d.referenceParameters(), sd -> List.of(), "the detector in "
                + checkpoint.dir().resolve("config.json"), null);
        return new DetectorOnnx(d, checkpoint);
    }

    public OnnxMl.ModelProto model(int opset, String producerVersion, NDManager m) {
        DetectorConfig cfg = detector.config();
        Map<String, NDArray> sd = new LinkedHashMap<>();
        detector.referenceParameters().forEach((k, p) -> sd.put(k, p.getArray()));
        OnnxGraph g = new OnnxGraph(cfg.backbone().name().toLowerCase(Locale.ROOT).replace('-', '_') + "_ava", opset);
        String clips = g.input("clips", Dim.free("N"), Dim.of(3), Dim.of(cfg.backbone().numFrames()), Dim.free("H"),
                Dim.free("W"));
        String boxes = g.input("boxes", Dim.free("K"), Dim.of(5));
        String features = X3DOnnx.features(cfg.backbone(), sd, cfg.features().usesConv5(), g, clips, m);
        String pooled = g.reduce("ReduceMean", features, false, 2); // temporal average pool: (N, C, h, w)
        String column = g.node("Slice", boxes, g.longs("first", 0), g.longs("second", 1), g.longs("columns", 1))
                .out("batch_column");
        String index = g.node("Cast", g.node("Reshape", column, g.longs("flat", -1)).out("batch_float"))
                .integer("to", OnnxMl.TensorProto.DataType.INT64.getNumber()).out("batch_index");
        String rois = g.node("Slice", boxes, g.longs("corners_from", 1), g.longs("corners_to", 5),
                g.longs("columns", 1)).out("rois");
        RoiAlignConfig roi = cfg.roi();
        String aligned = g.node("RoiAlign", pooled, rois, index).text("mode", "avg")
                .integer("output_height", roi.outputSize()).integer("output_width", roi.outputSize())
                .integer("sampling_ratio", roi.samplingRatio()).real("spatial_scale", (float) roi.spatialScale())
                .text("coordinate_transformation_mode", roi.aligned() ? "half_pixel" : "output_half_pixel")
                .out("roi_align");
        String vec = g.reduce("ReduceMax", aligned, false, 2, 3); // spatial max pool: (K, C)
        if (cfg.features() == DetectorFeatures.LIN5) {
            // lin_5 is a 1x1x1 convolution (PySlowFast's shape) on the (K, C, 1, 1, 1) box vectors
            String v5 = g.node("Reshape", vec, g.longs("box_volume", 0, -1, 1, 1, 1)).out("box_volume");
            String y = g.node("Conv", v5, g.initializer("head.lin_5.weight", sd.get("head.lin_5.weight")))
                    .ints("kernel_shape", 1, 1, 1).out("lin_5");
            vec = g.node("Relu", g.node("Reshape", y, g.longs("box_vector", 0, -1)).out("box_vector")).out("relu");
        }
        String logits = g.node("Gemm", vec, g.initializer("head.projection.weight", sd.get("head.projection.weight")),
                g.initializer("head.projection.bias", sd.get("head.projection.bias"))).integer("transB", 1)
                .out("logits");
        g.output(g.node("Sigmoid", logits).outNamed("scores"), Dim.free("K"), Dim.of(cfg.numClasses()));
        return g.model("x3d-ava", producerVersion, metadata().ordered());
    }

    private OnnxMetadata metadata() {
        DetectorConfig cfg = detector.config();
        List<String> names = new ArrayList<>();
        List<Integer> ids = new ArrayList<>();
        for (int k = 0; k < cfg.numClasses(); k++) {
            names.add(checkpoint.className(k));
            ids.add(k + 1);
        }
        RoiAlignConfig roi = cfg.roi();
        return OnnxMetadata.of("ava", cfg.backbone(), names, cfg.testSize())
                .put("train_crop", Integer.toString(cfg.trainCrop()))
                .put("action_ids", OnnxMetadata.json(ids))
                .put("features", cfg.features().key())
                .put("roi_align", String.format(Locale.ROOT, "output %dx%d, spatial_scale %s, sampling_ratio %d,"
                        + " aligned %s", roi.outputSize(), roi.outputSize(), roi.spatialScale(), roi.samplingRatio(),
                        roi.aligned()))
                .put("input.boxes", "(K, 5) float32: batch index, x1, y1, x2, y2 in pixels of the clips as given")
                .put("output.scores", "(K, classes) per-class sigmoid; class i is action id action_ids[i]");
    }
}
