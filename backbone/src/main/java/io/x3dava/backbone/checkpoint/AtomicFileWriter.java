package io.x3dava.backbone.checkpoint;

import io.x3dava.annotations.AtomicFiles;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes a file through a temporary sibling and an atomic rename, so readers never see a half-written file. */
final class AtomicFileWriter {
    interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFileWriter() {
    }

    static void write(Path target, Body body) throws IOException {
        Path abs = target.toAbsolutePath();
        Path tmp = AtomicFiles.tempSibling(abs, ".tmp");
        boolean moved = false;
        try {
            try (FileOutputStream fos = new FileOutputStream(tmp.toFile());
                 OutputStream out = new BufferedOutputStream(fos, 1 << 16)) {
                body.writeTo(out);
                out.flush();
                fos.getFD().sync(); // the rename must not become visible before the data
            }
            Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            moved = true;
        } catch (IOException e) {
            throw AtomicFiles.naming(abs, e);
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** Writes a buffer's remaining bytes without disturbing its position (heap and mapped buffers alike). */
    static void writeAll(OutputStream out, java.nio.ByteBuffer data) throws IOException {
        byte[] chunk = new byte[1 << 16];
        java.nio.ByteBuffer b = data.duplicate();
        while (b.hasRemaining()) {
            int n = Math.min(chunk.length, b.remaining());
            b.get(chunk, 0, n);
            out.write(chunk, 0, n);
        }
    }
}
