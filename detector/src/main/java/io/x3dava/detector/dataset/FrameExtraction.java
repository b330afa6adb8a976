package io.x3dava.detector.dataset;

import io.x3dava.annotations.AtomicFiles;
import io.x3dava.annotations.ava.AvaTime;
import io.x3dava.backbone.video.VideoFileSource;
import io.x3dava.detector.data.FrameTemplate;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * A video as a PySlowFast frame folder: JPEGs numbered from 1 at 30 fps (frame j shows the source frame at j / 30 s,
 * as {@code ffmpeg -r 30} resamples), decoded in one pass, one frame in memory at a time.
 */
final class FrameExtraction {
    /** PySlowFast's AVA frames are 30 fps; the frame-folder reader assumes it. */
    static final double FPS = AvaTime.FPS;
    private static final float QUALITY = 0.95f;

    private FrameExtraction() {
    }

    /** Writes the frames of {@code video} into {@code template}'s folder for {@code videoId}; returns their number. */
    static int extract(Path video, Path framesRoot, FrameTemplate template, String videoId, int shortSide)
            throws IOException {
        Path folder = Files.createDirectories(template.folder(framesRoot, videoId));
        try (VideoFileSource src = new VideoFileSource(video)) {
            double fps = src.fps();
            int total = (int) Math.round(src.frameCount() * FPS / fps);
            int[] next = {0};
            src.decodeAll(shortSide, (index, rgb, height, width) -> {
                // every output frame whose time falls on this source frame (30 fps from 25: some twice)
                while (next[0] < total && Math.round(next[0] * fps / FPS) <= index) {
                    if (Math.round(next[0] * fps / FPS) == index) {
                        writeJpeg(folder.resolve(template.fileName(videoId, next[0] + AvaTime.FIRST_FRAME_NUMBER)), rgb,
                                width, height);
                    }
                    next[0]++;
                }
            });
            return next[0];
        }
    }

    /** RGB bytes as a JPEG through a colour model over the bytes themselves (no per-pixel copy). */
    private static void writeJpeg(Path file, byte[] rgb, int width, int height) throws IOException {
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
        WritableRaster raster = Raster.createInterleavedRaster(new DataBufferByte(rgb, width * height * 3), width,
                height, width * 3, 3, new int[] {0, 1, 2}, null);
        BufferedImage img = new BufferedImage(cm, raster, false, null);
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        if (!writers.hasNext()) {
            throw new IOException("no JPEG writer in this Java runtime");
        }
        ImageWriter writer = writers.next();
        try {
            AtomicFiles.write(file, out -> {
                try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
                    writer.setOutput(ios);
                    ImageWriteParam p = writer.getDefaultWriteParam();
                    p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                    p.setCompressionQuality(QUALITY);
                    writer.write(null, new IIOImage(img, null, null), p);
                }
            });
        } finally {
            writer.dispose();
        }
    }
}
