package io.x3dava.backbone.x3d;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

import io.x3dava.backbone.checkpoint.Checkpoints;
import io.x3dava.backbone.checkpoint.TensorData;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Java X3D-XS with PySlowFast's weights reproduces PySlowFast's res5 and logits (../shared/fixtures/x3d). */
class X3DReferenceForwardTest {

    static double relErr(NDArray got, NDArray want) {
        return got.sub(want).abs().max().getFloat() / Math.max(1e-12, want.abs().max().getFloat());
    }

    @ParameterizedTest
    @ValueSource(strings = {"x3d_xs_zip.pyth", "x3d_xs_legacy.pyth"})
    void reproducesReferenceRes5AndLogits(String checkpoint) throws Exception {
        Path ckpt = X3DFixtures.file(checkpoint);
        Path io = X3DFixtures.file("x3d_xs_io.npz");
        try (NDManager m = NDManager.newBaseManager(); InputStream in = Files.newInputStream(io)) {
            NDList ref = NDList.decode(m, in);
            X3DNetwork net = X3DInit.newNetwork(X3DPresets.get("xs"), m, 0);
            WeightLoadReport report = X3DStateDict.load(net.referenceParameters(), Checkpoints.readStateDict(ckpt),
                    true, List.of());
            assertTrue(report.isExact(), report.summary());
            ParameterStore ps = new ParameterStore(m, false);
            NDArray x = ref.get("input");
            NDArray res5 = net.backbone().forward(ps, new NDList(x), false).singletonOrThrow();
            double e5 = relErr(res5, ref.get("res5"));
            NDArray logits = net.head().forward(ps, new NDList(res5), false).singletonOrThrow();
            double el = relErr(logits, ref.get("logits"));
            double ep = relErr(net.scores(ps, x, false), ref.get("probabilities"));
            System.out.printf("%s: relative error res5 %.2e, logits %.2e, probabilities %.2e%n", checkpoint, e5, el,
                    ep);
            assertTrue(e5 <= 1e-4, "res5 relative error " + e5);
            assertTrue(el <= 1e-4, "logits relative error " + el);
            assertTrue(ep <= 1e-4, "probabilities relative error " + ep);
        }
    }

    @Test
    void saveAndReloadIsExact(@TempDir Path dir) throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            X3DNetwork a = X3DInit.newNetwork(X3DPresets.get("xs").withNumClasses(5), m, 11);
            Path file = dir.resolve("w.safetensors");
            Checkpoints.writeSafetensors(file, X3DStateDict.export(a.referenceParameters()));
            X3DNetwork b = X3DInit.newNetwork(X3DPresets.get("xs").withNumClasses(5), m, 12);
            X3DStateDict.load(b.referenceParameters(), Checkpoints.readStateDict(file), true, List.of());
            Map<String, Parameter> pa = a.referenceParameters();
            for (Map.Entry<String, Parameter> e : b.referenceParameters().entrySet()) {
                assertTrue(e.getValue().getArray().contentEquals(pa.get(e.getKey()).getArray()), e.getKey());
            }
        }
    }

    @Test
    void mismatchesAreReportedByName() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            X3DNetwork a = X3DInit.newNetwork(X3DPresets.get("xs"), m, 1);
            Map<String, TensorData> sd = new LinkedHashMap<>(X3DStateDict.export(a.referenceParameters()));
            sd.remove("s3.pathway0_res1.branch2.a.weight");
            TensorData extra = sd.get("head.projection.bias");
            sd.put("head.extra.bias", new TensorData("head.extra.bias", extra.dtype(), extra.shape(), extra.data()));
            X3DNetwork b = X3DInit.newNetwork(X3DPresets.get("xs").withNumClasses(157), m, 2);
            WeightMismatchException e = assertThrows(WeightMismatchException.class,
                    () -> X3DStateDict.load(b.referenceParameters(), sd, true, List.of()));
            assertTrue(e.getMessage().contains("s3.pathway0_res1.branch2.a.weight"), e.getMessage());
            assertTrue(e.getMessage().contains("head.extra.bias"), e.getMessage());
            assertTrue(e.getMessage().contains("head.projection.weight: checkpoint [400, 2048] vs network [157, 2048]"),
                    e.getMessage());
            // Fine-tuning: drop the old classifier, keep everything else, list what was not loaded.
            sd.put("s3.pathway0_res1.branch2.a.weight", X3DStateDict.export(a.referenceParameters())
                    .get("s3.pathway0_res1.branch2.a.weight"));
            sd.remove("head.extra.bias");
            WeightLoadReport r = X3DStateDict.load(b.referenceParameters(), sd, false, List.of("head.projection."));
            assertTrue(r.skipped().containsAll(List.of("head.projection.weight", "head.projection.bias")), r.summary());
            assertTrue(r.missing().isEmpty(), r.summary());
            assertTrue(r.unexpected().isEmpty() && r.shapeMismatches().isEmpty(), r.summary());
        }
    }

    @Test
    void pyTorchVideoNamesMapOntoPySlowFast() {
        assertEquals("s1.pathway0_stem.conv_xy.weight", PyTorchVideoKeys.toPySlowFast("blocks.0.conv.conv_t.weight")
                .orElseThrow());
        assertEquals("s1.pathway0_stem.conv.weight", PyTorchVideoKeys.toPySlowFast("blocks.0.conv.conv_xy.weight")
                .orElseThrow());
        assertEquals("s3.pathway0_res2.branch2.se.fc2.bias",
                PyTorchVideoKeys.toPySlowFast("blocks.2.res_blocks.2.branch2.norm_b.1.block.2.bias").orElseThrow());
        assertEquals("s5.pathway0_res1.branch2.b_bn.running_var",
                PyTorchVideoKeys.toPySlowFast("blocks.4.res_blocks.1.branch2.norm_b.running_var").orElseThrow());
        assertEquals("head.lin_5.weight", PyTorchVideoKeys.toPySlowFast("blocks.5.pool.post_conv.weight").orElseThrow());
        assertTrue(PyTorchVideoKeys.toPySlowFast("blocks.9.whatever").isEmpty());
    }
}
