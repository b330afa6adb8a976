package io.x3dava.backbone.x3d;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;

import io.x3dava.backbone.onnx.OnnxGraph;
import io.x3dava.backbone.onnx.OnnxGraph.Dim;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a folded X3D ({@link FoldedX3D}, the network {@link X3DInference} runs) into an {@link OnnxGraph} with
 * standard operators: Conv (BN folded, the initialisers named {@code <conv key>.weight / .bias} after the PySlowFast
 * keys), Relu, the squeeze-excitation as ReduceMean and two 1x1x1 Conv with their PySlowFast shapes, Swish as
 * x * Sigmoid(x) (ONNX has no SiLU below opset 24), and the classifier head: AveragePool with the training clip's res5
 * window (stride 1, as PySlowFast's X3DHead), lin_5, Relu, the projection per pooled position.
 */
public final class X3DOnnx {

    private final OnnxGraph g;

    private X3DOnnx(OnnxGraph g) {
        this.g = g;
    }

    /**
     * The whole classifier: input {@code clips} (N, 3, T, H, W) with N, H and W free (H, W at least the training
     * crop: the head's pool window is fixed), outputs {@code logits} (N, classes) and {@code probs} (N, classes).
     * On clips larger than the training crop the head gives one prediction per pooled position (as PySlowFast's
     * fully convolutional test); {@code probs} is then the mean of the positions' softmax (or sigmoid), what
     * {@link X3DInference#scores} returns, and {@code logits} the mean of the positions' logits.
     */
    public static void classifier(X3DNetwork net, boolean sigmoid, OnnxGraph g, NDManager manager) {
        Map<String, NDArray> sd = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : net.referenceParameters().entrySet()) {
            sd.put(e.getKey(), e.getValue().getArray());
        }
        try (NDManager scope = manager.newSubManager()) {
            FoldedX3D f = FoldedX3D.of(net.config(), sd, FoldedX3D.Head.CLASSIFIER, scope);
            X3DOnnx w = new X3DOnnx(g);
            String clips = g.input("clips", Dim.free("N"), Dim.of(3), Dim.of(net.config().numFrames()),
                    Dim.free("H"), Dim.free("W"));
            w.head(f, w.trunk(f, clips), sigmoid);
        }
    }

    /**
     * The backbone's feature map for a detector: res5, or ReLU(conv5(res5)) with {@code withConv5}, from the state
     * dict {@code sd} (PySlowFast keys); returns the value's name in {@code g}.
     */
    public static String features(X3DConfig config, Map<String, NDArray> sd, boolean withConv5, OnnxGraph g,
                                  String clips, NDManager manager) {
        try (NDManager scope = manager.newSubManager()) {
            FoldedX3D f = FoldedX3D.of(config, sd, withConv5 ? FoldedX3D.Head.CONV5 : FoldedX3D.Head.NONE, scope);
            return new X3DOnnx(g).trunk(f, clips);
        }
    }

    private String trunk(FoldedX3D f, String clips) {
        String x = relu(conv(f.stemT(), conv(f.stemXy(), clips)));
        for (FoldedBlock b : f.blocks()) {
            x = block(b, x);
        }
        return f.conv5() == null ? x : relu(conv(f.conv5(), x));
    }

    private String block(FoldedBlock b, String x) {
        String u = conv(b.b(), relu(conv(b.a(), x)));
        if (b.se() != null) {
            FoldedBlock.Se se = b.se();
            String mean = g.reduce("ReduceMean", u, true, 2, 3, 4);
            String h = relu(pointwise(mean, se.key() + ".fc1", se.w1(), se.b1()));
            String gate = g.node("Sigmoid", pointwise(h, se.key() + ".fc2", se.w2(), se.b2())).out("se_gate");
            u = g.node("Mul", u, gate).out("se");
        }
        String swish = g.node("Mul", u, g.node("Sigmoid", u).out("sigmoid")).out("swish");
        String f = conv(b.c(), swish);
        String shortcut = b.branch1() == null ? x : conv(b.branch1(), x);
        return relu(g.node("Add", f, shortcut).out("sum"));
    }

    /** The head of {@link X3DInference#logits} / {@link X3DInference#scores}. */
    private void head(FoldedX3D f, String x, boolean sigmoid) {
        Shape window = f.poolWindow();
        String pooled = g.node("AveragePool", x).ints("kernel_shape", window.getShape()).ints("strides", 1, 1, 1)
                .out("pool5");
        String y = relu(conv(f.lin5(), pooled));
        // (N, C, t, h, w) -> (N, positions, C): channels last before the projection, as the reference permutes
        String last = g.node("Transpose", y).ints("perm", 0, 2, 3, 4, 1).out("channels_last");
        long width = f.lin5().weight().getShape().get(0);
        String flat = g.node("Reshape", last, g.longs("positions_shape", 0, -1, width)).out("positions");
        String wt = g.node("Transpose", g.initializer("head.projection.weight", f.projectionWeight())).ints("perm", 1, 0)
                .out("projection_t");
        String perPosition = g.node("Add", g.node("MatMul", flat, wt).out("matmul"),
                g.initializer("head.projection.bias", f.projectionBias())).out("position_logits");
        long classes = f.projectionWeight().getShape().get(0);
        String logits = g.reduce("ReduceMean", perPosition, false, 1);
        g.output(g.node("Identity", logits).outNamed("logits"), Dim.free("N"), Dim.of(classes));
        String p = sigmoid ? g.node("Sigmoid", perPosition).out("position_probs")
                : g.node("Softmax", perPosition).integer("axis", -1).out("position_probs");
        String probs = g.reduce("ReduceMean", p, false, 1);
        g.output(g.node("Identity", probs).outNamed("probs"), Dim.free("N"), Dim.of(classes));
    }

    private String relu(String x) {
        return g.node("Relu", x).out("relu");
    }

    private String conv(FoldedConv c, String x) {
        Shape k = c.weight().getShape();
        Shape p = c.padding();
        OnnxGraph.Node n = c.bias() == null
                ? g.node("Conv", x, g.initializer(c.key() + ".weight", c.weight()))
                : g.node("Conv", x, g.initializer(c.key() + ".weight", c.weight()),
                        g.initializer(c.key() + ".bias", c.bias()));
        return n.ints("kernel_shape", k.get(2), k.get(3), k.get(4)).ints("strides", c.stride().getShape())
                .ints("pads", p.get(0), p.get(1), p.get(2), p.get(0), p.get(1), p.get(2)).integer("group", c.groups())
                .out(c.key().substring(c.key().lastIndexOf('.') + 1));
    }

    /** A 1x1x1 convolution from a linear layer's (O, I) matrix, stored in its PySlowFast shape (O, I, 1, 1, 1). */
    private String pointwise(String x, String key, NDArray matrix, NDArray bias) {
        Shape s = matrix.getShape();
        try (NDArray w = matrix.reshape(s.get(0), s.get(1), 1, 1, 1)) {
            return g.node("Conv", x, g.initializer(key + ".weight", w), g.initializer(key + ".bias", bias))
                    .ints("kernel_shape", 1, 1, 1).out(key.substring(key.lastIndexOf('.') + 1));
        }
    }
}
