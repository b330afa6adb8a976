package io.x3dava.backbone.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** SGD and schedules against steps computed by hand with PyTorch's formulas. */
class SgdAndScheduleTest {

    /** Two steps on loss = w^2 (gradient 2w) from w = 1 with lr 0.1 then 0.05. */
    private static float[] twoSteps(SgdConfig cfg, boolean decayed) {
        try (NDManager m = NDManager.newBaseManager()) {
            Parameter w = scalar(m, 1f);
            try (SgdOptimizer opt = new SgdOptimizer(cfg, Map.of("w", w), decayed ? Set.of() : Set.of("w"), m)) {
                float[] out = new float[2];
                double[] lrs = {0.1, 0.05};
                for (int i = 0; i < 2; i++) {
                    gradientStep(opt, w, lrs[i]);
                    out[i] = w.getArray().getFloat();
                }
                return out;
            }
        }
    }

    /** A trainable one-element parameter "w". */
    private static Parameter scalar(NDManager m, float value) {
        Parameter w = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT)
                .optArray(m.create(new float[] {value})).build();
        w.getArray().setRequiresGradient(true);
        return w;
    }

    /** Back-propagates loss = w^2 and applies one step. */
    private static void gradientStep(SgdOptimizer opt, Parameter w, double lr) {
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray loss = w.getArray().square().sum();
            gc.backward(loss);
        }
        opt.step(lr);
    }

    @Test
    void plainMomentumWithWeightDecay() {
        // step 1: d = 2 + 0.1*1 = 2.1, buf = 2.1, w = 1 - 0.1*2.1 = 0.79
        // step 2: d = 1.58 + 0.079 = 1.659, buf = 0.9*2.1 + 1.659 = 3.549, w = 0.79 - 0.05*3.549 = 0.61255
        float[] w = twoSteps(new SgdConfig(0.9, false, 0.1, 0), true);
        assertEquals(0.79f, w[0], 1e-6);
        assertEquals(0.61255f, w[1], 1e-6);
    }

    @Test
    void nesterovMomentumWithWeightDecay() {
        // step 1: d = 2.1, buf = 2.1, d = 2.1 + 0.9*2.1 = 3.99, w = 1 - 0.399 = 0.601
        // step 2: d = 1.202 + 0.0601 = 1.2621, buf = 1.89 + 1.2621 = 3.1521, d = 1.2621 + 2.83689 = 4.09899,
        //         w = 0.601 - 0.05*4.09899 = 0.3960505
        float[] w = twoSteps(new SgdConfig(0.9, true, 0.1, 0), true);
        assertEquals(0.601f, w[0], 1e-6);
        assertEquals(0.3960505f, w[1], 1e-6);
    }

    @Test
    void noDecayParametersAndLearningRateOutsideMomentum() {
        // step 1: d = 2, buf = 2, w = 0.8; step 2: d = 1.6, buf = 1.8 + 1.6 = 3.4, w = 0.8 - 0.05*3.4 = 0.63.
        // (DJL's SGD would keep lr inside the buffer: 0.8 - (0.9*0.2 + 0.05*1.6) = 0.54.)
        float[] w = twoSteps(new SgdConfig(0.9, false, 0.1, 0), false);
        assertEquals(0.8f, w[0], 1e-6);
        assertEquals(0.63f, w[1], 1e-6);
    }

    @Test
    void dampeningScalesTheGradientAddedToTheBuffer() {
        // step 1: d = 2, buf = 2 (no dampening on the first step), w = 0.8;
        // step 2: d = 1.6, buf = 0.9*2 + (1 - 0.5)*1.6 = 2.6, w = 0.8 - 0.05*2.6 = 0.67 ((1 + 0.5) would give 0.59).
        float[] w = twoSteps(new SgdConfig(0.9, false, 0.1, 0.5), false);
        assertEquals(0.8f, w[0], 1e-6);
        assertEquals(0.67f, w[1], 1e-6);
    }

    @Test
    void x3dRecipeIsNesterovMomentumNineTenthsWithoutDampening() {
        assertEquals(new SgdConfig(0.9, true, 5e-5, 0), SgdConfig.x3d(5e-5));
    }

    @Test
    void momentumBuffersSurviveSaveAndLoad() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] saved;
            float uninterrupted;
            Parameter w = scalar(m, 1f);
            SgdConfig cfg = new SgdConfig(0.9, false, 0, 0);
            try (SgdOptimizer opt = new SgdOptimizer(cfg, Map.of("w", w), Set.of(), m)) {
                gradientStep(opt, w, 0.1); // buf = 2, w = 0.8
                saved = opt.state().get("w").toFloatArray();
                gradientStep(opt, w, 0.05); // buf = 1.8 + 1.6 = 3.4, w = 0.63
                uninterrupted = w.getArray().getFloat();
            }
            assertArrayEquals(new float[] {2f}, saved);
            assertEquals(0.63f, uninterrupted, 1e-6);

            // a resumed run: a fresh optimizer on w = 0.8 with the saved buffer takes the same second step
            Parameter resumed = scalar(m, 0.8f);
            try (SgdOptimizer opt = new SgdOptimizer(cfg, Map.of("w", resumed), Set.of(), m)) {
                opt.load(Map.of("w", saved));
                gradientStep(opt, resumed, 0.05);
                assertEquals(uninterrupted, resumed.getArray().getFloat(), 1e-6);

                // loading again replaces (and frees) the buffer in use: buf = 0.9*10 + 2*0.63 = 10.26
                NDArray replaced = opt.state().get("w");
                opt.load(Map.of("w", new float[] {10f}));
                assertTrue(replaced.isReleased(), "the replaced momentum buffer is closed");
                gradientStep(opt, resumed, 0.1);
                assertEquals(0.63f - 0.1f * 10.26f, resumed.getArray().getFloat(), 1e-6);
                assertThrows(IllegalArgumentException.class, () -> opt.load(Map.of("v", new float[] {1f})));
            }
        }
    }

    @Test
    void cosineEndsAtItsEndRate() {
        // COSINE_END_LR 0.1 from 1.0 over 10 epochs: lr(n) = 0.1 + 0.9 * 0.5 * (cos(pi n / 10) + 1)
        LearningRateSchedule s = new ScheduleConfig("cosine", 1.0, 10, 0, 0, 0.1, null, null).build();
        assertEquals(1.0, s.lr(0), 1e-12);
        assertEquals(0.55, s.lr(5), 1e-12);
        assertEquals(0.1, s.lr(10), 1e-12);
    }

    @Test
    void cosineWithWarmupAsTheX3DRecipe() {
        // X3D Kinetics: BASE_LR 1.6, MAX_EPOCH 300, WARMUP_EPOCHS 35 from 0.01.
        LearningRateSchedule s = ScheduleConfig.cosine(1.6, 300, 35, 0.01).build();
        double atWarmupEnd = 0.8 * (Math.cos(Math.PI * 35 / 300) + 1); // 1.546864...
        assertEquals(0.01, s.lr(0), 1e-12);
        assertEquals(0.01 + (atWarmupEnd - 0.01) * 0.5, s.lr(17.5), 1e-12);
        assertEquals(1.5468640, s.lr(35), 1e-6);
        assertEquals(0.8, s.lr(150), 1e-12);
        assertEquals(0.0, s.lr(300), 1e-12); // no 0.01 floor as DJL's cosine tracker has
    }

    @Test
    void stepsWithRelativeRates() {
        LearningRateSchedule s = ScheduleConfig.steps(0.1, 20, List.of(0.0, 10.0, 15.0), List.of(1.0, 0.1, 0.01), 0, 0)
                .build();
        assertEquals(0.1, s.lr(9.99), 1e-12);
        assertEquals(0.01, s.lr(10), 1e-12);
        assertEquals(0.001, s.lr(19), 1e-12);
        assertThrows(IllegalArgumentException.class,
                () -> ScheduleConfig.steps(0.1, 20, List.of(1.0), List.of(1.0), 0, 0));
    }
}
