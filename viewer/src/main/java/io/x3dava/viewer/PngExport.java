package io.x3dava.viewer;

import io.x3dava.annotations.AtomicFiles;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

import javax.imageio.ImageIO;

/** Writes a frame as PNG atomically (temporary file, then rename), so a viewer never sees half a file. */
public final class PngExport {
    private PngExport() {}

    public static void write(BufferedImage image, Path file) throws IOException {
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException(file + ": no PNG writer for this image type");
            }
        });
    }
}
