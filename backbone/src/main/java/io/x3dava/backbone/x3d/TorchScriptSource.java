package io.x3dava.backbone.x3d;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * In-place libtorch ops that DJL 0.36's JNI does not bind ({@code silu_}, {@code relu_}), reached through a TorchScript
 * module this class writes itself (a zip of TorchScript source that libtorch compiles at load: no Python, no file on
 * disk). For inference only: an in-place op on a tensor autograd saved would make its gradient wrong.
 *
 * <p>Why: Swish through DJL is sigmoid into a new array then an in-place multiply (five passes over the activation and
 * one allocation) where SiLU is one pass; ReLU through DJL always allocates its output. A call through the module costs
 * about 8 us more than a DJL op, repaid above ~30,000 elements (every X3D activation is larger).
 */
public final class TorchOps {

    /** TorchScript source of the module: one method per op, each answering its (modified) input. */
    private static final String SOURCE = """
            class Ops(Module):
              __parameters__ = []
              __buffers__ = []
              def forward(self: __torch__.Ops, x: Tensor) -> Tensor:
                return torch.silu_(x)
              def relu_(self: __torch__.Ops, x: Tensor) -> Tensor:
                return torch.relu_(x)
            """;

    private static final class Holder {
        static final TorchOps INSTANCE = new TorchOps();
    }

    private final PtNDManager manager;
    private final PtSymbolBlock module;

    private TorchOps() {
        // a base manager for the process's lifetime: the module is shared by every inference network
        manager = (PtNDManager) NDManager.newBaseManager("PyTorch");
        try {
            module = JniUtils.loadModule(manager, new ByteArrayInputStream(archive()), false, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The module, compiled by libtorch on first use. */
    public static TorchOps get() {
        return Holder.INSTANCE;
    }

    /** x = x * sigmoid(x), in place. */
    public void siluInPlace(NDArray x) {
        try (IValue in = IValue.from((PtNDArray) x); IValue out = module.forward(in)) {
            out.toTensor(manager).close(); // an alias of x
        }
    }

    /** x = max(x, 0), in place. */
    public void reluInPlace(NDArray x) {
        try (IValue in = IValue.from((PtNDArray) x); IValue out = IValueUtils.runMethod(module, "relu_", in)) {
            out.toTensor(manager).close();
        }
    }

    /**
     * The TorchScript archive (format version 3, as torch.jit.save writes): the pickled module object (class
     * {@code __torch__.Ops}, empty state), its source, and an empty constants table.
     */
    static byte[] archive() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            // pickle protocol 2: PROTO 2, GLOBAL '__torch__ Ops', EMPTY_TUPLE, NEWOBJ, EMPTY_DICT, BUILD, STOP
            ByteArrayOutputStream pickle = new ByteArrayOutputStream();
            pickle.write(new byte[] {(byte) 0x80, 2, 'c'});
            pickle.write("__torch__\nOps\n".getBytes(StandardCharsets.US_ASCII));
            pickle.write(new byte[] {')', (byte) 0x81, '}', 'b', '.'});
            entry(zip, "ops/data.pkl", pickle.toByteArray());
            entry(zip, "ops/code/__torch__.py", SOURCE.getBytes(StandardCharsets.UTF_8));
            entry(zip, "ops/constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'}); // an empty tuple
            entry(zip, "ops/version", "3\n".getBytes(StandardCharsets.US_ASCII));
        }
        return bytes.toByteArray();
    }

    private static void entry(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }
}
