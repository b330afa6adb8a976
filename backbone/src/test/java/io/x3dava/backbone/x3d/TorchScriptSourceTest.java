package io.x3dava.backbone.x3d;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;

import java.io.ByteArrayInputStream;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;

/** The generated TorchScript module loads in libtorch and its ops compute SiLU and ReLU in place. */
class TorchOpsTest {

    @Test
    void siluInPlaceIsXTimesSigmoidX() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomNormal(new Shape(2, 3, 4, 5, 6)).mul(4);
            NDArray expected = x.mul(x.getNDArrayInternal().sigmoid());
            TorchOps.get().siluInPlace(x);
            float[] got = x.toFloatArray();
            float[] want = expected.toFloatArray();
            assertEquals(want.length, got.length);
            for (int i = 0; i < want.length; i++) {
                assertEquals(want[i], got[i], 1e-6f * Math.max(1, Math.abs(want[i])), "element " + i);
            }
        }
    }

    @Test
    void reluInPlaceModifiesItsInput() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomNormal(new Shape(1000));
            float[] want = Activation.relu(x).toFloatArray();
            TorchOps.get().reluInPlace(x);
            assertArrayEquals(want, x.toFloatArray());
        }
    }

    @Test
    void archiveHoldsTheFourEntriesTorchJitSaveWrites() throws Exception {
        int n = 0;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(TorchOps.archive()))) {
            while (zip.getNextEntry() != null) {
                n++;
            }
        }
        assertEquals(4, n);
    }
}
