package io.x3dava.detector.roi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RoiAlignTest {

    static Path fixtures() {
        String root = System.getProperty("x3dava.fixtures", "../../shared/fixtures");
        Path dir = Path.of(root, "roi_align");
        Assumptions.assumeTrue(Files.isDirectory(dir),
                "SKIPPED: torchvision reference fixture " + dir + " is absent (../shared/fixtures/roi_align)");
        return dir;
    }

    static double maxAbs(NDArray a, NDArray b) {
        return a.sub(b).abs().max().getFloat();
    }

    @ParameterizedTest
    @ValueSource(strings = {"case_1_0", "case_1_1", "case_1_2", "case_1_3"})
    void equalsTorchvisionValuesAndGradients(String name) throws Exception {
        Path dir = fixtures();
        JsonNode cfg = new ObjectMapper().readTree(dir.resolve("cases.json").toFile()).get(name);
        RoiAlign op = new RoiAlign(new RoiAlignConfig(cfg.get("output_size").asInt(), cfg.get("spatial_scale").asDouble(),
                cfg.get("sampling_ratio").asInt(), cfg.get("aligned").asBoolean()));
        try (NDManager m = NDManager.newBaseManager(); InputStream in = Files.newInputStream(dir.resolve(name + ".npz"))) {
            NDList data = NDList.decode(m, in);
            NDArray input = data.get("input");
            NDArray boxes = data.get("boxes");
            input.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray out = op.forward(input, boxes);
                assertEquals(data.get("output").getShape(), out.getShape());
                double err = maxAbs(out, data.get("output"));
                System.out.printf("%s: max |output - torchvision| = %.3g%n", name, err);
                assertTrue(err <= 1e-5, name + " output differs by " + err);
                gc.backward(out.mul(data.get("grad_output")).sum());
            }
            double gerr = maxAbs(input.getGradient(), data.get("grad_input"));
            System.out.printf("%s: max |grad_input - torchvision| = %.3g%n", name, gerr);
            assertTrue(gerr <= 1e-5, name + " gradient differs by " + gerr);
        }
    }

    @Test
    void handComputedBilinearCase() {
        // 1x1x4x4 ramp v(y, x) = 4y + x; a box covering pixel centres (0.5..2.5) with aligned=true and output 1,
        // sampling ratio 2: samples at (y, x) in {1, 2}^2 minus 0.5 offset -> {0.5+0.5*... } computed by hand below.
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray input = m.arange(16f).reshape(1, 1, 4, 4);
            // box (x1,y1,x2,y2) = (1,1,3,3), aligned: start = 0.5, roi 2x2, bins 1 (output 1), grid 2x2:
            // samples at 0.5 + (i + 0.5) * 1 = 1.0 and 2.0 in both axes -> v = 4y + x at (1,1),(1,2),(2,1),(2,2)
            NDArray boxes = m.create(new float[] {0, 1, 1, 3, 3}, new Shape(1, 5));
            NDArray out = new RoiAlign(new RoiAlignConfig(1, 1.0, 2, true)).forward(input, boxes);
            assertArrayEquals(new float[] {(5 + 6 + 9 + 10) / 4f}, out.toFloatArray(), 1e-6f);
            // not aligned, output 2, ratio 1: bins of size 1 from 1.0; sample centres 1.5 and 2.5 -> bilinear of the ramp
            NDArray out2 = new RoiAlign(new RoiAlignConfig(2, 1.0, 1, false)).forward(input, boxes);
            assertArrayEquals(new float[] {4 * 1.5f + 1.5f, 4 * 1.5f + 2.5f, 4 * 2.5f + 1.5f, 4 * 2.5f + 2.5f},
                    out2.toFloatArray(), 1e-5f);
            // a box entirely outside the map samples nothing: zeros
            NDArray far = m.create(new float[] {0, 10, 10, 12, 12}, new Shape(1, 5));
            assertArrayEquals(new float[] {0}, new RoiAlign(new RoiAlignConfig(1, 1.0, 2, true)).forward(input, far)
                    .toFloatArray(), 0f);
        }
    }
}
