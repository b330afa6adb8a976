package io.x3dava.detector.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

import io.x3dava.backbone.checkpoint.Checkpoints;
import io.x3dava.backbone.x3d.X3DInit;
import io.x3dava.backbone.x3d.X3DNetwork;
import io.x3dava.backbone.x3d.X3DPresets;
import io.x3dava.backbone.x3d.X3DStateDict;
import io.x3dava.detector.roi.RoiAlign;
import io.x3dava.detector.roi.RoiAlignConfig;
import io.x3dava.detector.run.AvaRecipe;
import io.x3dava.detector.run.AvaRun;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

class DetectorFeaturesTest {

    @Test
    void lin5GivesTheThreePointOneMillionParametersOfTable8ForX3dM() {
        var m = X3DPresets.get("M");
        DetectorComplexity res5 = DetectorComplexity.of(DetectorConfig.paper(m, 80));
        DetectorComplexity conv5 = DetectorComplexity.of(DetectorConfig.paper(m, 80)
                .withFeatures(DetectorFeatures.CONV5));
        DetectorComplexity lin5 = DetectorComplexity.of(DetectorConfig.paper(m, 80)
                .withFeatures(DetectorFeatures.LIN5));
        assertEquals(2.0e6, res5.paperParams(), 0.1e6, "res5 head: about 2.0M");
        assertEquals(3.1e6, lin5.paperParams(), 0.05e6, "paper Table 8: 3.1M");
        // lin5 - conv5 = lin_5 (432 x 2048) + the wider classifier (2048 vs 432 inputs, 80 outputs).
        assertEquals(432L * 2048 + (2048L - 432) * 80, lin5.paperParams() - conv5.paperParams());
        assertTrue(lin5.params() > lin5.paperParams(), "BN gamma/beta are counted apart");
        assertTrue(lin5.gflops() > res5.gflops());
    }

    @Test
    void detectorFlopsPrintsEveryPresetAndFeature() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int code = new CommandLine(new DetectorFlopsCommand(new PrintStream(buf))).execute("--preset", "M");
        assertEquals(0, code);
        String out = buf.toString();
        assertTrue(out.contains("X3D-M    res5") && out.contains("X3D-M    conv5") && out.contains("X3D-M    lin5"),
                out);
        assertTrue(out.contains("16x256^2"), out);
    }

    @Test
    void nonSquareInputsWorkThroughTheNetworkAndRoiAlign() {
        DetectorConfig cfg = DetectorConfig.paper(X3DPresets.get("XS").withClip(2, 1, 64), 5)
                .withFeatures(DetectorFeatures.LIN5);
        try (NDManager m = NDManager.newBaseManager()) {
            AvaDetector d = AvaDetector.create(cfg, m, 1);
            ParameterStore ps = new ParameterStore(m, false);
            NDArray clip = m.randomNormal(new Shape(1, 3, 2, 64, 160)); // H 64, W 160
            NDArray f = d.features(ps, clip, false);
            assertEquals(new Shape(1, 432, 2, 2, 5), f.getShape(), "1/32 of 64 x 160");
            NDArray boxes = m.create(new float[] {0, 120, 0, 160, 64, 0, 0, 0, 40, 64}, new Shape(2, 5));
            NDArray logits = d.classify(ps, f, boxes, false);
            assertEquals(new Shape(2, 5), logits.getShape());
            assertFalse(logits.get(0).contentEquals(logits.get(1)), "the right-edge box reads its own features");
        }
        // RoIAlign on a map wider than high: a box on the right half reads the right columns.
        try (NDManager m = NDManager.newBaseManager()) {
            float[] v = new float[2 * 8];
            for (int i = 0; i < v.length; i++) {
                v[i] = i % 8; // value = column
            }
            NDArray map = m.create(v, new Shape(1, 1, 2, 8));
            NDArray rois = new RoiAlign(new RoiAlignConfig(1, 1.0, 0, true)).forward(map,
                    m.create(new float[] {0, 6, 0, 8, 2}, new Shape(1, 5)));
            assertEquals(6.5, rois.getFloat(0, 0, 0, 0), 1e-4, "mean of columns 6 and 7");
        }
    }

    @Test
    void lin5StartsFromTheKineticsLin5(@TempDir Path dir) throws Exception {
        var xs = X3DPresets.get("XS").withClip(2, 1, 64);
        try (NDManager m = NDManager.newBaseManager()) {
            X3DNetwork kinetics = X3DInit.newNetwork(xs.withNumClasses(400), m, 5);
            Path file = dir.resolve("k.safetensors");
            Checkpoints.writeSafetensors(file, X3DStateDict.export(kinetics.referenceParameters()));
            DetectorConfig cfg = DetectorConfig.paper(xs, 80).withFeatures(DetectorFeatures.LIN5);
            AvaRecipe recipe = AvaRecipe.builder().setDetector(cfg).optWorkers(1).build();
            AvaDetector d = new AvaRun(recipe, new PrintStream(new ByteArrayOutputStream())).detector(m, file);
            for (String key : new String[] {"head.lin_5.weight", "head.conv_5.weight", "head.conv_5_bn.weight"}) {
                assertTrue(d.referenceParameters().get(key).getArray()
                        .contentEquals(kinetics.referenceParameters().get(key).getArray()), key);
            }
            assertEquals(new Shape(80, 2048), d.referenceParameters().get("head.projection.weight").getArray()
                    .getShape());
        }
    }
}
