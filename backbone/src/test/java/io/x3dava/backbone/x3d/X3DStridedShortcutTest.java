package io.x3dava.backbone.x3d;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv3d;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The shortcut's strided 1x1x1 convolution is computed as a strided slice then a stride-1 conv (oneDNN #6035): same
 * output and same gradients as the strided op and as the sums written out by hand, on X3D shortcut shapes.
 */
class X3DStridedShortcutTest {

    private static final Shape STRIDE = new Shape(1, 2, 2);

    @ParameterizedTest
    @CsvSource({"24,24,4,10", "24,48,4,9", "48,96,3,5"}) // XS res2/res3/res4 first blocks; odd sizes round up
    void sliceThenConvEqualsStridedConvForwardAndBackward(int cin, int cout, int t, int hw) {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(7);
            int n = 2;
            NDArray x = m.randomNormal(new Shape(n, cin, t, hw, hw));
            NDArray w = m.randomNormal(new Shape(cout, cin, 1, 1, 1));
            int ho = (hw + 1) / 2;
            NDArray g = m.randomNormal(new Shape(n, cout, t, ho, ho)); // upstream gradient

            Grads sliced = run(x, w, g, true);
            Grads strided = run(x, w, g, false);
            Grads hand = byHand(x.toFloatArray(), w.toFloatArray(), g.toFloatArray(), n, cin, cout, t, hw, ho);

            assertEquals(new Shape(n, cout, t, ho, ho), sliced.yShape);
            assertClose(hand.y, sliced.y, "forward vs hand");
            assertClose(strided.y, sliced.y, "forward vs strided conv");
            assertClose(hand.dw, sliced.dw, "weight gradient vs hand");
            assertClose(strided.dw, sliced.dw, "weight gradient vs strided conv");
            assertClose(hand.dx, sliced.dx, "input gradient vs hand");
            assertClose(strided.dx, sliced.dx, "input gradient vs strided conv");
        }
    }

    @ParameterizedTest
    @CsvSource({"24,24,2", "24,48,2", "48,48,1"})
    void resBlockKeepsReferenceNamesAndShapesAndTrains(int cin, int cout, int stride) {
        try (NDManager m = NDManager.newBaseManager()) {
            X3DResBlock block = new X3DResBlock(cin, 54, cout, stride, 4);
            Shape in = new Shape(2, cin, 2, 9, 9);
            block.initialize(m, DataType.FLOAT32, in);
            var params = new java.util.LinkedHashMap<String, ai.djl.nn.Parameter>();
            block.nameParameters("p", params);
            if (cin != cout || stride != 1) {
                assertEquals(new Shape(cout, cin, 1, 1, 1), params.get("p.branch1.weight").getArray().getShape());
                assertTrue(params.containsKey("p.branch1_bn.running_var"));
            } else {
                assertTrue(!params.containsKey("p.branch1.weight"));
            }
            NDArray x = m.randomNormal(in);
            ParameterStore ps = new ParameterStore(m, false);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = block.forward(ps, new NDList(x), true).singletonOrThrow();
                int ho = stride == 2 ? 5 : 9;
                assertEquals(new Shape(2, cout, 2, ho, ho), y.getShape());
                gc.backward(y.sum());
            }
            if (params.containsKey("p.branch1.weight")) {
                NDArray grad = params.get("p.branch1.weight").getArray().getGradient();
                assertTrue(grad.abs().sum().getFloat() > 0, "branch1 receives a gradient");
            }
        }
    }

    private record Grads(float[] y, Shape yShape, float[] dw, float[] dx) {
    }

    private static Grads run(NDArray x0, NDArray w0, NDArray g, boolean sliced) {
        try (NDManager scope = x0.getManager().newSubManager()) {
            NDArray x = x0.duplicate();
            NDArray w = w0.duplicate();
            x.attach(scope);
            w.attach(scope);
            x.setRequiresGradient(true);
            w.setRequiresGradient(true);
            NDArray y;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                y = sliced
                        ? Conv3d.conv3d(X3DResBlock.strided(x, 2), w, null).singletonOrThrow()
                        : Conv3d.conv3d(x, w, null, STRIDE).singletonOrThrow();
                gc.backward(y.mul(g).sum());
            }
            return new Grads(y.toFloatArray(), y.getShape(), w.getGradient().toFloatArray(),
                    x.getGradient().toFloatArray());
        }
    }

    /** y[n,o,t,i,j] = sum_c w[o,c] x[n,c,t,2i,2j]; dW[o,c] = sum g y-positions * x; dx = W^T g at even pixels. */
    private static Grads byHand(float[] x, float[] w, float[] g, int n, int cin, int cout, int t, int hw, int ho) {
        float[] y = new float[n * cout * t * ho * ho];
        double[] dw = new double[cout * cin];
        float[] dx = new float[x.length];
        for (int b = 0; b < n; b++) {
            for (int o = 0; o < cout; o++) {
                for (int f = 0; f < t; f++) {
                    for (int i = 0; i < ho; i++) {
                        for (int j = 0; j < ho; j++) {
                            int yi = (((b * cout + o) * t + f) * ho + i) * ho + j;
                            double acc = 0;
                            for (int c = 0; c < cin; c++) {
                                int xi = (((b * cin + c) * t + f) * hw + 2 * i) * hw + 2 * j;
                                acc += (double) w[o * cin + c] * x[xi];
                                dw[o * cin + c] += (double) g[yi] * x[xi];
                                dx[xi] += w[o * cin + c] * g[yi];
                            }
                            y[yi] = (float) acc;
                        }
                    }
                }
            }
        }
        float[] dwf = new float[dw.length];
        for (int i = 0; i < dw.length; i++) {
            dwf[i] = (float) dw[i];
        }
        return new Grads(y, null, dwf, dx);
    }

    private static void assertClose(float[] want, float[] got, String what) {
        assertEquals(want.length, got.length, what);
        double scale = 1e-12;
        double err = 0;
        for (int i = 0; i < want.length; i++) {
            scale = Math.max(scale, Math.abs(want[i]));
            err = Math.max(err, Math.abs(want[i] - got[i]));
        }
        assertTrue(err / scale <= 1e-6, what + ": max error " + err + " relative to max |value| " + scale);
    }
}
