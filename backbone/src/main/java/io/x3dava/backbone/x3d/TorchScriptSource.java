package io.x3dava.backbone.x3d;

import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Compiles TorchScript source written in Java into a libtorch module, in memory: the source goes into a zip laid out
 * as torch.jit.save writes one (a module of one class without parameters or constants), and libtorch compiles it at
 * load. No Python and no file on disk.
 */
final class TorchScriptSource {

    private TorchScriptSource() {
    }

    /**
     * Loads class {@code className} from {@code source} (the body of {@code code/__torch__.py}: methods typed as
     * {@code self: __torch__.<className>}), into {@code manager}.
     */
    static PtSymbolBlock compile(String className, String source, PtNDManager manager) {
        try {
            return JniUtils.loadModule(manager, new ByteArrayInputStream(archive(className, source)), false, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The archive (format version 3): the pickled module object (class {@code __torch__.<className>}, empty state),
     * its source, and an empty constants table.
     */
    static byte[] archive(String className, String source) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            // pickle protocol 2: PROTO 2, GLOBAL '__torch__ <className>', EMPTY_TUPLE, NEWOBJ, EMPTY_DICT, BUILD, STOP
            ByteArrayOutputStream pickle = new ByteArrayOutputStream();
            pickle.write(new byte[] {(byte) 0x80, 2, 'c'});
            pickle.write(("__torch__\n" + className + "\n").getBytes(StandardCharsets.US_ASCII));
            pickle.write(new byte[] {')', (byte) 0x81, '}', 'b', '.'});
            entry(zip, "module/data.pkl", pickle.toByteArray());
            entry(zip, "module/code/__torch__.py", source.getBytes(StandardCharsets.UTF_8));
            entry(zip, "module/constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'}); // an empty tuple
            entry(zip, "module/version", "3\n".getBytes(StandardCharsets.US_ASCII));
        }
        return bytes.toByteArray();
    }

    private static void entry(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }
}
