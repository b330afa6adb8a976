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
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Frames extracted to JPEG files, one file per frame. The frames of a video are either the rows of its frame list
 * (PySlowFast's Charades and AVA {@code frame_lists/*.csv}: row i is frame index i, as utils.load_image_lists and
 * ava_helper.load_image_lists read them) or the files of a name pattern numbered from {@code firstNumber} (1 in both
 * SlowFast's {@code frames/<vid>/<vid>_%06d.jpg} and Charades' {@code <vid>/<vid>-%06d.jpg}) up to a known count (an
 * MMAction2 rawframe list's total_frames, an AVA frame list's rows) or else to the highest number present.
 * A file missing inside that range is a gap, never the end of the video: a clip that needs it fails with a
 * {@link MissingFrameException} naming it, or, under {@link MissingFramePolicy#REPEAT_NEAREST}, gets the nearest
 * readable frame instead. Resizing draws the whole image once with bilinear filtering into an RGB raster.
 */
public final class FrameFolderSource implements FrameSource {
    /** Charades' released RGB frames are extracted at 24 fps. */
    public static final double CHARADES_FPS = 24.0;

    private static final Pattern CONVERSION = Pattern.compile("%0?(\\d*)d");

    /** Frame index to file. */
    private final LongFunction<Path> paths;
    private final Path folder;
    private final double fps;
    private final long frameCount;
    /** Indices whose file is not there (and, under REPEAT_NEAREST, those found undecodable while reading). */
    private final BitSet missing;
    private final MissingFramePolicy policy;
    private final int width;
    private final int height;

    /**
     * Pattern frames up to the highest number present.
     *
     * @param folder      the video's frame folder
     * @param pattern     file name with one integer conversion, e.g. {@code "vid_%06d.jpg"}
     * @param firstNumber number of the first frame's file
     * @param fps         rate at which the frames were extracted
     */
    public FrameFolderSource(Path folder, String pattern, int firstNumber, double fps) throws IOException {
        this(ofPattern(folder, pattern, firstNumber, fps, 0), MissingFramePolicy.FAIL);
    }

    private FrameFolderSource(FrameFolderSource base, MissingFramePolicy policy) {
        this(base.folder, base.paths, base.fps, base.frameCount, (BitSet) base.missing.clone(), policy, base.width,
                base.height);
    }

    private FrameFolderSource(Path folder, LongFunction<Path> paths, double fps, long frameCount, BitSet missing,
                              MissingFramePolicy policy, int width, int height) {
        this.folder = folder;
        this.paths = paths;
        this.fps = fps;
        this.frameCount = frameCount;
        this.missing = missing;
        this.policy = policy;
        this.width = width;
        this.height = height;
    }

    /**
     * Frames named by a pattern: files {@code firstNumber .. firstNumber + expectedFrames - 1}, or with
     * {@code expectedFrames <= 0} up to the highest number found in the folder.
     */
    public static FrameFolderSource ofPattern(Path folder, String pattern, int firstNumber, double fps,
                                              long expectedFrames) throws IOException {
        checkFps(fps);
        Matcher conv = CONVERSION.matcher(pattern);
        if (!conv.find() || conv.find()) {
            throw new IllegalArgumentException("frame pattern '" + pattern + "': expected one integer conversion");
        }
        if (!Files.isDirectory(folder)) {
            throw new IOException(folder + ": frame folder not found");
        }
        // one listing: the highest number and the gaps come from the same names (AVA folders hold 27,030 files)
        Set<String> names = listing(folder);
        long highest = highestNumber(names, pattern);
        long count = expectedFrames > 0 ? expectedFrames : highest - firstNumber + 1;
        LongFunction<String> name = i -> String.format(Locale.ROOT, pattern, firstNumber + i);
        if (count <= 0) {
            throw new IOException(folder + ": no frame named " + name.apply(0) + " (pattern " + pattern + ")");
        }
        BitSet missing = new BitSet();
        for (long i = 0; i < count; i++) {
            if (!names.contains(name.apply(i))) {
                missing.set(index(i));
            }
        }
        LongFunction<Path> paths = i -> folder.resolve(name.apply(i));
        return withSize(folder, paths, fps, count, missing);
    }

    /** The frames of a frame list, in its row order (row i = frame index i). */
    public static FrameFolderSource ofList(List<Path> frames, double fps) throws IOException {
        checkFps(fps);
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("a frame list with no frames");
        }
        List<Path> copy = List.copyOf(frames);
        Map<Path, Set<String>> listings = new HashMap<>();
        BitSet missing = new BitSet();
        for (int i = 0; i < copy.size(); i++) {
            Path p = copy.get(i);
            Path dir = p.getParent() == null ? Path.of(".") : p.getParent();
            Set<String> names = listings.get(dir);
            if (names == null) {
                names = Files.isDirectory(dir) ? listing(dir) : Set.of();
                listings.put(dir, names);
            }
            if (!names.contains(p.getFileName().toString())) {
                missing.set(i);
            }
        }
        Path folder = copy.get(0).getParent() == null ? Path.of(".") : copy.get(0).getParent();
        return withSize(folder, i -> copy.get(Math.toIntExact(i)), fps, copy.size(), missing);
    }

    /** The same frames with another policy for gaps. */
    public FrameFolderSource withPolicy(MissingFramePolicy p) {
        return new FrameFolderSource(this, p);
    }

    private static FrameFolderSource withSize(Path folder, LongFunction<Path> paths, double fps, long count,
                                              BitSet missing) throws IOException {
        int first = missing.nextClearBit(0);
        if (first >= count) {
            throw new IOException(folder + ": none of the " + count + " frames exists (the first would be "
                    + paths.apply(0) + ")");
        }
        int[] hw = imageSize(paths.apply(first));
        return new FrameFolderSource(folder, paths, fps, count, missing, MissingFramePolicy.FAIL, hw[1], hw[0]);
    }

    /** SlowFast / AVA layout: {@code <framesRoot>/<vid>/<vid>_%06d.jpg}, 1-based. */
    public static FrameFolderSource slowFast(Path framesRoot, String videoId, double fps) throws IOException {
        return new FrameFolderSource(framesRoot.resolve(videoId), videoId + "_%06d.jpg", 1, fps);
    }

    /**
     * A frame folder named by a template over the video id: {@code template} is a path relative to {@code root} whose
     * last element holds the frame number as one integer conversion, e.g. {@code {vid}/{vid}_%06d.jpg} (PySlowFast)
     * or {@code {vid}/img_%05d.jpg} (MMAction2 rawframes); {@code expectedFrames} as in {@link #ofPattern}.
     */
    public static FrameFolderSource fromTemplate(Path root, String template, String videoId, int firstNumber,
                                                 double fps, long expectedFrames) throws IOException {
        String t = template.replace("{vid}", videoId);
        int slash = t.lastIndexOf('/');
        Path folder = slash < 0 ? root : root.resolve(t.substring(0, slash));
        return ofPattern(folder, t.substring(slash + 1), firstNumber, fps, expectedFrames);
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
        return paths.apply(i);
    }

    /** The frames of the video whose file is not there, in order. */
    public List<Path> missingFrames() {
        List<Path> out = new ArrayList<>();
        for (int i = missing.nextSetBit(0); i >= 0 && i < frameCount; i = missing.nextSetBit(i + 1)) {
            out.add(path(i));
        }
        return out;
    }

    private static void checkFps(double fps) {
        if (!(fps > 0)) {
            throw new IllegalArgumentException("fps must be > 0, got " + fps);
        }
    }

    private static int index(long i) {
        if (i > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("more than 2^31 frames in one video");
        }
        return (int) i;
    }

    /** File names of a folder (one listing). */
    private static Set<String> listing(Path dir) throws IOException {
        Set<String> names = new HashSet<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.forEach(p -> names.add(p.getFileName().toString()));
        }
        return names;
    }

    /** The highest number of a file the pattern names, 0 when there is none (names read as strings, no regex). */
    private static long highestNumber(Set<String> names, String pattern) {
        Matcher conv = CONVERSION.matcher(pattern);
        conv.find();
        String prefix = pattern.substring(0, conv.start());
        String suffix = pattern.substring(conv.end());
        long highest = 0;
        for (String n : names) {
            int end = n.length() - suffix.length();
            if (end - prefix.length() < 1 || end - prefix.length() > 18 || !n.startsWith(prefix)
                    || !n.endsWith(suffix)) {
                continue;
            }
            long value = 0;
            boolean digits = true;
            for (int i = prefix.length(); i < end && digits; i++) {
                char c = n.charAt(i);
                digits = c >= '0' && c <= '9';
                value = value * 10 + (c - '0');
            }
            // the number written back must give the same name (%06d: 000012, not 12)
            if (digits && value > highest && String.format(Locale.ROOT, pattern, value).equals(n)) {
                highest = value;
            }
        }
        return highest;
    }

    /**
     * The frames a clip reads for the requested indices: clamped to the video (PySlowFast clamps at both ends), then
     * a missing frame either fails the clip, naming every missing one, or is replaced by the nearest present frame.
     */
    long[] resolve(long[] requested) throws MissingFrameException {
        long[] out = new long[requested.length];
        List<Path> gaps = new ArrayList<>();
        for (int i = 0; i < requested.length; i++) {
            long k = Math.max(0, Math.min(frameCount - 1, requested[i]));
            if (missing.get(index(k))) {
                if (policy == MissingFramePolicy.FAIL) {
                    if (!gaps.contains(path(k))) {
                        gaps.add(path(k));
                    }
                } else {
                    k = nearest(k);
                }
            }
            out[i] = k;
        }
        if (!gaps.isEmpty()) {
            throw new MissingFrameException(folder, gaps, "missing");
        }
        return out;
    }

    /** The closest index to k whose frame is not known to be missing (the earlier one on a tie). */
    private long nearest(long k) throws MissingFrameException {
        for (long d = 1; d < frameCount; d++) {
            if (k - d >= 0 && !missing.get(index(k - d))) {
                return k - d;
            }
            if (k + d < frameCount && !missing.get(index(k + d))) {
                return k + d;
            }
        }
        throw new MissingFrameException(folder, List.of(path(k)), "missing, and no other frame of the video is "
                + "readable");
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
        IndexPlan plan = new IndexPlan(resolve(frameIndices), frameCount);
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

    /**
     * Reads only the JPEGs a window needs, keeping those a later window shares until it has been read. A window with a
     * missing frame fails when its turn comes; the others are read as usual.
     */
    @Override
    public ClipSequence sequence(List<long[]> windows, int shortSide) {
        List<long[]> resolved = new ArrayList<>();
        MissingFrameException[] failures = new MissingFrameException[windows.size()];
        for (int w = 0; w < windows.size(); w++) {
            try {
                resolved.add(resolve(windows.get(w)));
            } catch (MissingFrameException e) {
                resolved.add(null);
                failures[w] = e;
            }
        }
        return new FolderClipSequence(this, new WindowPlan(resolved, frameCount), failures, shortSide);
    }

    /**
     * Decodes frame i and draws it, resized (bilinear), into {@code target} (RGB, the output size). An undecodable
     * frame fails the clip, or under REPEAT_NEAREST is marked missing and the nearest other frame is drawn.
     */
    void decodeInto(long i, BufferedImage target) throws IOException {
        long k = i;
        while (true) {
            Path p = path(k);
            String problem = draw(p, target);
            if (problem == null) {
                return;
            }
            if (policy == MissingFramePolicy.FAIL) {
                throw new MissingFrameException(folder, List.of(p), problem);
            }
            missing.set(index(k));
            k = nearest(i);
        }
    }

    /** Null when the image was drawn, else why it could not be read. */
    private static String draw(Path p, BufferedImage target) {
        BufferedImage img;
        try {
            img = ImageIO.read(p.toFile());
        } catch (IOException | RuntimeException e) {
            return Files.exists(p) ? "undecodable (" + e.getMessage() + ")" : "missing";
        }
        if (img == null) {
            return "undecodable (not a readable image)";
        }
        Graphics2D g = target.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(img, 0, 0, target.getWidth(), target.getHeight(), null);
        } finally {
            g.dispose();
        }
        return null;
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
