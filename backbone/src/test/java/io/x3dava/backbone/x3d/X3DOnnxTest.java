package io.x3dava.backbone.x3d;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

import ai.onnx.proto.OnnxMl;

import io.x3dava.backbone.classify.ClassificationTask;
import io.x3dava.backbone.classify.ClassifierOnnx;
import io.x3dava.backbone.onnx.OnnxChecker;
import io.x3dava.backbone.onnx.OnnxGraph;
import io.x3dava.backbone.onnx.OnnxRuntimeModel;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The exported classifier, run in ONNX Runtime, computes what the project's network computes (1e-4 relative), at the
 * training crop and at a larger one (free H, W), for X3D-XS, -S and -M at tiny crops, and PySlowFast's own logits
 * from the reference checkpoint; its initialisers carry PySlowFast's keys and it passes onnx.checker.
 */
class X3DOnnxTest {

    static double relErr(float[] got, float[] want) {
        double max = 0;
        double scale = 1e-12;
        for (int i = 0; i < want.length; i++) {
            max = Math.max(max, Math.abs(got[i] - want[i]));
            scale = Math.max(scale, Math.abs(want[i]));
        }
        return max / scale;
    }

    /** XS, S and M keep their clip lengths; the crop is cut to 64 px (96 for the larger view) to keep the test fast. */
    @ParameterizedTest
    @CsvSource({"XS, KINETICS", "S, CHARADES", "M, KINETICS"})
    void runtimeEqualsTheProjectsNetwork(String preset, ClassificationTask task) throws Exception {
        X3DConfig base = X3DPresets.get(preset);
        X3DConfig config = base.withNumClasses(7).withClip(base.numFrames(), base.samplingRate(), 64);
        try (NDManager m = NDManager.newBaseManager()) {
            X3DNetwork net = X3DInit.newNetwork(config, m, 3);
            X3DInferenceTest.randomise(net, 4);
            List<String> classes = List.of("a", "b", "c", "d", "e", "f", "g");
            OnnxMl.ModelProto model = new ClassifierOnnx(net, task, classes).model(OnnxGraph.DEFAULT_OPSET, "test", m);
            ParameterStore ps = new ParameterStore(m, false);
            Engine.getInstance().setRandomSeed(5);
            try (OnnxRuntimeModel rt = new OnnxRuntimeModel(model.toByteArray(), 2)) {
                assertEquals("[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\"]", rt.metadata().get("classes"));
                assertEquals(Integer.toString(base.numFrames()), rt.metadata().get("num_frames"));
                for (int crop : new int[] {64, 96}) { // 96: res5 3x3 > the 2x2 pool window: 4 positions
                    NDArray x = m.randomNormal(new Shape(2, 3, config.numFrames(), crop, crop));
                    Map<String, OnnxRuntimeModel.Tensor> out = rt.run(Map.of("clips",
                            new OnnxRuntimeModel.Tensor(x.toFloatArray(), x.getShape().getShape())));
                    float[] probs = net.scores(ps, x, task.multiLabel()).toFloatArray();
                    NDArray logits = net.forward(ps, new NDList(x), false).singletonOrThrow();
                    if (logits.getShape().dimension() == 3) {
                        logits = logits.mean(new int[] {1}); // the export's logits: mean over positions
                    }
                    double ep = relErr(out.get("probs").values(), probs);
                    double el = relErr(out.get("logits").values(), logits.toFloatArray());
                    System.out.printf("ONNX Runtime vs project, %s %s crop %d: logits %.2e, probs %.2e%n", preset,
                            task, crop, el, ep);
                    assertArrayEquals(new long[] {2, 7}, out.get("probs").shape());
                    assertTrue(el <= 1e-4, "logits " + el);
                    assertTrue(ep <= 1e-4, "probs " + ep);
                }
            }
            Set<String> names = model.getGraph().getInitializerList().stream().map(OnnxMl.TensorProto::getName)
                    .collect(Collectors.toSet());
            Set<String> keys = net.referenceParameters().keySet().stream()
                    .filter(k -> !k.contains("_bn.") && !k.contains(".bn.")).collect(Collectors.toSet());
            assertTrue(names.containsAll(keys), "an initialiser per non-BN PySlowFast key; missing: "
                    + keys.stream().filter(k -> !names.contains(k)).toList());
            assertTrue(model.getGraph().getNodeList().stream().noneMatch(n -> n.getOpType().startsWith("Batch")),
                    "BN folded");
        }
    }

    @Test
    void reproducesPySlowFastLogitsInOnnxRuntime(@TempDir Path dir) throws Exception {
        Path ckpt = X3DFixtures.file("x3d_xs_zip.pyth");
        Path io = X3DFixtures.file("x3d_xs_io.npz");
        try (NDManager m = NDManager.newBaseManager(); InputStream in = Files.newInputStream(io)) {
            NDList ref = NDList.decode(m, in);
            ClassifierOnnx c = ClassifierOnnx.fromWeights(ckpt, "XS", m);
            OnnxMl.ModelProto model = c.model(OnnxGraph.DEFAULT_OPSET, "test", m);
            Path file = dir.resolve("x3d_xs.onnx");
            OnnxGraph.write(model, file);
            NDArray x = ref.get("input");
            try (OnnxRuntimeModel rt = new OnnxRuntimeModel(Files.readAllBytes(file), 2)) {
                Map<String, OnnxRuntimeModel.Tensor> out = rt.run(Map.of("clips",
                        new OnnxRuntimeModel.Tensor(x.toFloatArray(), x.getShape().getShape())));
                double el = relErr(out.get("logits").values(), ref.get("logits").toFloatArray());
                double ep = relErr(out.get("probs").values(), ref.get("probabilities").toFloatArray());
                System.out.printf("ONNX Runtime vs PySlowFast X3D-XS: logits %.2e, probabilities %.2e%n", el, ep);
                assertTrue(el <= 1e-4, "logits " + el);
                assertTrue(ep <= 1e-4, "probabilities " + ep);
            }
            OnnxChecker.Result check = OnnxChecker.check(file);
            System.out.println(check.message());
            org.junit.jupiter.api.Assumptions.assumeTrue(check.ran(), check.message());
            assertTrue(check.passed(), check.message());
        }
    }
}
