package io.x3dava.backbone.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;

import io.x3dava.backbone.x3d.PyTorchVideoKeys;
import io.x3dava.backbone.x3d.X3DInit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A TorchScript X3D (the speed anchor of ../shared/fixtures/x3d_torchscript) loaded into the same libtorch through
 * DJL's PyTorch engine: what a Java user could run instead of this project's network.
 */
public final class TorchScriptX3D implements AutoCloseable {

    private final PtNDManager manager;
    private final PtSymbolBlock module;
    private final ParameterStore ps;

    private TorchScriptX3D(PtNDManager manager, PtSymbolBlock module) {
        this.manager = manager;
        this.module = module;
        this.ps = new ParameterStore(manager, false);
    }

    /** Loads {@code file} on the CPU; {@code trainable} makes its parameters require gradients. */
    public static TorchScriptX3D load(Path file, NDManager base, boolean trainable) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such file (expected a TorchScript .pt)");
        }
        PtNDManager m = (PtNDManager) base.newSubManager();
        try {
            PtSymbolBlock block = JniUtils.loadModule(m, file, true, new String[0], new String[0], trainable);
            return new TorchScriptX3D(m, block);
        } catch (RuntimeException e) { // DJL's EngineException: not TorchScript, or a format libtorch cannot read
            m.close();
            throw new IOException(file + ": not a TorchScript module libtorch can load (" + e.getMessage() + ")", e);
        }
    }

    /** The module's output for clips (N, 3, T, H, W): probabilities in eval mode, logits in training mode. */
    public NDArray forward(NDArray clips, boolean training) {
        return module.forward(ps, new NDList(clips), training).singletonOrThrow();
    }

    /** Trainable parameters by PyTorchVideo name. */
    public Map<String, Parameter> parameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        module.getParameters().forEach(p -> out.put(p.getKey(), p.getValue()));
        return out;
    }

    /** The BatchNorm parameters, exempt from weight decay as in the Java recipe (BN.WEIGHT_DECAY 0). */
    public Set<String> batchNormKeys() {
        Set<String> out = new HashSet<>();
        for (String k : parameters().keySet()) {
            if (PyTorchVideoKeys.toPySlowFast(k).map(X3DInit::isBatchNorm).orElse(false)) {
                out.add(k);
            }
        }
        return out;
    }

    @Override
    public void close() {
        module.close();
        manager.close();
    }
}
