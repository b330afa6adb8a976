package io.x3dava.backbone.classify;

import ai.djl.ndarray.NDManager;

import ai.onnx.proto.OnnxMl;

import io.x3dava.backbone.checkpoint.Checkpoints;
import io.x3dava.backbone.checkpoint.TensorData;
import io.x3dava.backbone.onnx.OnnxGraph;
import io.x3dava.backbone.onnx.OnnxMetadata;
import io.x3dava.backbone.train.PretrainedWeights;
import io.x3dava.backbone.x3d.X3DConfig;
import io.x3dava.backbone.x3d.X3DInit;
import io.x3dava.backbone.x3d.X3DNetwork;
import io.x3dava.backbone.x3d.X3DOnnx;
import io.x3dava.backbone.x3d.X3DPresets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A trained classifier as an ONNX model: the BN-folded X3D of {@link X3DOnnx#classifier} (inputs {@code clips},
 * outputs {@code logits} and {@code probs}: softmax for Kinetics, sigmoid for Charades), with class names and
 * preprocessing in the metadata.
 *
 * @param network the network with the checkpoint's weights
 * @param task Kinetics (softmax) or Charades (sigmoid)
 * @param classes class names in index order (empty for bare weights, which carry none)
 */
public record ClassifierOnnx(X3DNetwork network, ClassificationTask task, List<String> classes) {

    public ClassifierOnnx {
        classes = List.copyOf(classes);
    }

    /** A checkpoint of this project (network, task and classes from its config.json). */
    public static ClassifierOnnx fromCheckpoint(TrainedModel tm, NDManager m) throws IOException {
        if (!tm.hasConfig()) {
            throw new IllegalArgumentException(tm.weights() + " has no config.json: use --weights FILE --preset NAME");
        }
        return new ClassifierOnnx(load(tm.model(), tm.weights(), m), tm.task(), tm.classes());
    }

    /** Bare PySlowFast / PyTorchVideo weights; the classifier's width comes from the file, the clip from the preset. */
    public static ClassifierOnnx fromWeights(Path weights, String preset, NDManager m) throws IOException {
        TensorData proj = Checkpoints.readStateDict(weights).get("head.projection.weight");
        if (proj == null) {
            throw new IOException(weights + ": no head.projection.weight (not an X3D classifier checkpoint)");
        }
        X3DConfig config = X3DPresets.get(preset).withNumClasses((int) proj.shape()[0]);
        return new ClassifierOnnx(load(config, weights, m), ClassificationTask.KINETICS, List.of());
    }

    private static X3DNetwork load(X3DConfig config, Path weights, NDManager m) throws IOException {
        X3DNetwork net = X3DInit.newNetwork(config, m, 0);
        PretrainedWeights.load(weights, net.referenceParameters(), sd -> List.of(), config.name(), null);
        return net;
    }

    /** The ONNX model at {@code opset}. */
    public OnnxMl.ModelProto model(int opset, String producerVersion, NDManager m) {
        X3DConfig c = network.config();
        OnnxGraph g = new OnnxGraph(c.name().toLowerCase(java.util.Locale.ROOT).replace('-', '_'), opset);
        X3DOnnx.classifier(network, task.multiLabel(), g, m);
        OnnxMetadata meta = OnnxMetadata.of(task.key(), c, classes, c.testCrop())
                .put("output.logits", "(N, classes) the projection's output, mean over the pooled positions")
                .put("output.probs", "(N, classes) " + (task.multiLabel() ? "sigmoid" : "softmax")
                        + " per position, averaged over positions (PySlowFast's eval output)");
        return g.model("x3d-ava", producerVersion, meta.ordered());
    }
}
