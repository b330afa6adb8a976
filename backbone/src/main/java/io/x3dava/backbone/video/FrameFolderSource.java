package io.x3dava.backbone.video;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.WritableRaster;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Frames extracted to a folder of JPEGs, one file per frame numbered from {@code firstNumber} (1 in both SlowFast's
 * {@code frames/<vid>/<vid>_%06d.jpg} and Charades' {@code <vid>/<vid>-%06d.jpg}). Frame index i (0-based) is file
 * number firstNumber + i. Resizing draws the whole image once with bilinear filtering into an RGB raster.
 */
public final class FrameFolderSource implements FrameSource {
    /** Charades' released RGB frames are extracted at 24 fps. */
    public static final double CHARADES_FPS = 24.0;

    private final Path folder;
    private final String pattern;
    private final int firstNumber;
    private final double fps;
    private final long frameCount;
    private final int width;
    private final int height;

    /**
     * @param folder      the video's frame folder
     * @param pattern     file name with one integer conversion, e.g. {@code "vid_%06d.jpg"}
     * @param firstNumber number of the first frame's file
     * @param fps         rate at which the frames were extracted
     */
    public FrameFolderSource(Path folder, String pattern, int firstNumber, double fps) throws IOException {
        this.folder = folder;
        this.pattern = pattern;
        this.firstNumber = firstNumber;
        this.fps = fps;
        if (!(fps > 0)) {
            throw new IllegalArgumentException("fps must be > 0, got " + fps);
        }
        if (!Files.isDirectory(folder)) {
            throw new IOException(folder + ": frame folder not found");
        }
        frameCount = countConsecutive();
        if (frameCount == 0) {
            throw new IOException(folder + ": no frame named " + fileName(0) + " (pattern " + pattern + ")");
        }
        int[] hw = imageSize(path(0));
        height = hw[0];
        width = hw[1];
    }

    /** SlowFast / AVA layout: {@code <framesRoot>/<vid>/<vid>_%06d.jpg}, 1-based. */
    public static FrameFolderSource slowFast(Path framesRoot, String videoId, double fps) throws IOException {
        return new FrameFolderSource(framesRoot.resolve(videoId), videoId + "_%06d.jpg", 1, fps);
    }

    /**
     * A frame folder named by a template over the video id: {@code template} is a path relative to {@code root} whose
     * last element holds the frame number as one integer conversion, e.g. {@code {vid}/{vid}_%06d.jpg} (PySlowFast)
     * or {@code {vid}/img_%05d.jpg} (MMAction2 rawframes).
     */
    public static FrameFolderSource fromTemplate(Path root, String template, String videoId, int firstNumber,
                                                 double fps) throws IOException {
        String t = template.replace("{vid}", videoId);
        int slash = t.lastIndexOf('/');
        Path folder = slash < 0 ? root : root.resolve(t.substring(0, slash));
        return new FrameFolderSource(folder, t.substring(slash + 1), firstNumber, fps);
    }

    /** Charades layout: {@code <root>/<vid>/<vid>-%06d.jpg}, 1-based, 24 fps. */
    public static FrameFolderSource charades(Path root, String videoId) throws IOException {
        return new FrameFolderSource(root.resolve(videoId), videoId + "-%06d.jpg", 1, CHARADES_FPS);
    }

    public Path folder() {
        return folder;
    }

    /** Path of 0-based frame i. */
    public Path path(long i) {
        return folder.resolve(fileName(i));
    }

    private String fileName(long i) {
        return String.format(Locale.ROOT, pattern, firstNumber + i);
    }

    /** Frames are the files firstNumber, firstNumber+1, ... up to the first gap (one directory listing). */
    private long countConsecutive() throws IOException {
        Set<String> names = new HashSet<>();
        try (Stream<Path> s = Files.list(folder)) {
            s.forEach(p -> names.add(p.getFileName().toString()));
        }
        long n = 0;
        while (names.contains(fileName(n))) {
            n++;
        }
        return n;
    }

    /** Reads only the JPEG header. */
    private static int[] imageSize(Path p) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(p.toFile())) {
            if (in == null) {
                throw new IOException(p + ": cannot open image");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IOException(p + ": not a readable image");
            }
            ImageReader r = readers.next();
            try {
                r.setInput(in);
                return new int[] {r.getHeight(0), r.getWidth(0)};
            } finally {
                r.dispose();
            }
        }
    }

    @Override
    public double fps() {
        return fps;
    }

    @Override
    public long frameCount() {
        return frameCount;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public DecodedClip read(long[] frameIndices, int shortSide) throws IOException {
        IndexPlan plan = new IndexPlan(frameIndices, frameCount);
        int[] hw = FrameSource.scaledSize(height, width, shortSide);
        int h = hw[0];
        int w = hw[1];
        byte[] out = new byte[plan.outputFrames() * h * w * 3];
        BufferedImage target = rgbImage(w, h);
        byte[] frame = ((DataBufferByte) target.getRaster().getDataBuffer()).getData();
        for (long i : plan.unique) {
            decodeInto(i, target);
            plan.place(i, frame, out);
        }
        return new DecodedClip(out, plan.outputFrames(), h, w);
    }

    /** Reads only the JPEGs a window needs, keeping those a later window shares until it has been read. */
    @Override
    public ClipSequence sequence(List<long[]> windows, int shortSide) {
        return new FolderClipSequence(this, new WindowPlan(windows, frameCount), shortSide);
    }

    /** Decodes frame i and draws it, resized (bilinear), into {@code target} (RGB, the output size). */
    void decodeInto(long i, BufferedImage target) throws IOException {
        Path p = path(i);
        BufferedImage img;
        try {
            img = ImageIO.read(p.toFile());
        } catch (IOException | RuntimeException e) {
            throw new IOException(p + ": cannot decode JPEG: " + e.getMessage(), e);
        }
        if (img == null) {
            throw new IOException(p + ": not a readable image");
        }
        Graphics2D g = target.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(img, 0, 0, target.getWidth(), target.getHeight(), null);
        } finally {
            g.dispose();
        }
    }

    /** A BufferedImage whose backing bytes are packed R, G, B (the DecodedClip layout), so no channel swap. */
    static BufferedImage rgbImage(int w, int h) {
        return rgbImage(new byte[w * h * 3], w, h);
    }

    /** As {@link #rgbImage(int, int)} over existing bytes (w * h * 3 of them). */
    static BufferedImage rgbImage(byte[] data, int w, int h) {
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
        PixelInterleavedSampleModel sm = new PixelInterleavedSampleModel(DataBuffer.TYPE_BYTE, w, h, 3, w * 3,
                new int[] {0, 1, 2});
        WritableRaster raster = Raster.createWritableRaster(sm, new DataBufferByte(data, data.length), null);
        return new BufferedImage(cm, raster, false, null);
    }

    @Override
    public void close() {
        // Nothing held open between reads.
    }
}
