package io.x3dava.backbone.x3d;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;

/** Source written in Java compiles in libtorch and its methods run, in place where the source says so. */
class TorchScriptSourceTest {

    private static final String SOURCE = """
            class Ops(Module):
              __parameters__ = []
              __buffers__ = []
              def forward(self: __torch__.Ops, x: Tensor, w: List[Tensor]) -> Tensor:
                return torch.add_(torch.silu_(x), w[1])
            """;

    @Test
    void compiledMethodComputesWhatTheSourceSays() {
        try (NDManager m = NDManager.newBaseManager()) {
            PtSymbolBlock module = TorchScriptSource.compile("Ops", SOURCE, (PtNDManager) m);
            NDArray x = m.randomNormal(new Shape(2, 3, 4)).mul(4);
            NDArray b = m.randomNormal(new Shape(3, 4));
            float[] want = x.mul(x.getNDArrayInternal().sigmoid()).add(b).toFloatArray();
            try (IValue in = IValue.from((PtNDArray) x); IValue w = IValue.listFrom((PtNDArray) m.zeros(new Shape(1)),
                    (PtNDArray) b); IValue out = IValueUtils.runMethod(module, "forward", in, w)) {
                NDArray y = out.toTensor((PtNDManager) m);
                assertArrayEquals(want, y.toFloatArray(), 1e-5f);
                assertArrayEquals(want, x.toFloatArray(), 1e-5f, "silu_ and add_ work in place");
            }
        }
    }

    @Test
    void sourceThatDoesNotCompileFailsAtLoad() {
        try (NDManager m = NDManager.newBaseManager()) {
            assertThrows(RuntimeException.class, () -> TorchScriptSource.compile("Ops",
                    SOURCE.replace("torch.silu_", "torch.no_such_op"), (PtNDManager) m));
        }
    }

    @Test
    void archiveHoldsTheFourEntriesTorchJitSaveWrites() throws Exception {
        List<String> names = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(TorchScriptSource.archive("Ops", SOURCE)))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                names.add(e.getName());
            }
        }
        assertEquals(List.of("module/data.pkl", "module/code/__torch__.py", "module/constants.pkl", "module/version"),
                names);
    }
}
