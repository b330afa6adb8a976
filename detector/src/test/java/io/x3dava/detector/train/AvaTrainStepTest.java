package io.x3dava.detector.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;

import io.x3dava.backbone.train.SeededSample;
import io.x3dava.backbone.video.ClipRequest;
import io.x3dava.backbone.video.LoadedClip;
import io.x3dava.backbone.x3d.X3DPresets;
import io.x3dava.detector.data.AvaSample;
import io.x3dava.detector.model.AvaDetector;
import io.x3dava.detector.model.DetectorConfig;
import io.x3dava.detector.model.DetectorFeatures;
import io.x3dava.detector.roi.RoiAlignConfig;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class AvaTrainStepTest {

    @Test
    void stepsOnOneBatchLowerTheLossAndGradientsReachTheHead() {
        // X3D-XS on 2-frame 64 px crops, 3 classes, no dropout so that the loss is a function of the weights only.
        var xs = X3DPresets.get("XS").withClip(2, 1, 64);
        DetectorConfig cfg = new DetectorConfig(xs, 3, DetectorFeatures.LIN5, RoiAlignConfig.ava(), 0.0, 64, 64);
        LoadedClip plain = AvaBatchBuilderTest.wideClip(List.of(AvaBatchBuilderTest.target(0.0, 0.0, 0.5, 1.0, 1),
                AvaBatchBuilderTest.target(0.5, 0.0, 1.0, 1.0, 2, 3)));
        AvaSample sample = (AvaSample) plain.request().tag();
        ClipRequest r = plain.request();
        LoadedClip c = new LoadedClip(0, new ClipRequest(r.video(), r.spec(), r.placement(), r.shortSide(),
                new SeededSample<>(sample, 7L)), plain.clip(), plain.frameIndices(), 30, 100, 200);
        List<LoadedClip> batch = List.of(c, c);
        try (NDManager m = NDManager.newBaseManager()) {
            AvaDetector d = AvaDetector.create(cfg, m, 3);
            Map<String, Parameter> params = d.referenceParameters();
            for (Map.Entry<String, Parameter> e : params.entrySet()) {
                if (!e.getKey().contains(".running_")) {
                    e.getValue().getArray().setRequiresGradient(true);
                }
            }
            AvaTrainStep step = new AvaTrainStep(d, AvaBatchBuilder.forTraining(3, 64));
            ParameterStore ps = new ParameterStore(m, false);
            float first = Float.NaN;
            float last = Float.NaN;
            for (int i = 0; i < 4; i++) {
                try (NDManager bm = m.newSubManager()) {
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray loss = step.forward(ps, bm, batch).loss();
                        last = loss.getFloat();
                        if (i == 0) {
                            first = last;
                        }
                        gc.backward(loss);
                    }
                    NDArray g = params.get("head.projection.weight").getArray().getGradient();
                    assertTrue(g.abs().sum().getFloat() > 0, "the classifier gets a gradient");
                    assertTrue(params.get("head.lin_5.weight").getArray().getGradient().abs().sum().getFloat() > 0,
                            "lin_5 gets a gradient");
                    for (Map.Entry<String, Parameter> e : params.entrySet()) {
                        NDArray w = e.getValue().getArray();
                        if (w.hasGradient()) {
                            w.subi(w.getGradient().mul(0.5f));
                        }
                    }
                }
            }
            assertTrue(last < first, "loss " + first + " -> " + last);
        }
    }
}
