package io.x3dava.viewer;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

/**
 * An AVA frame folder in the SlowFast layout, {@code frames/<vid>/<vid>_%06d.jpg} extracted at 30 fps: file n
 * (1-based) is at (n-1)/30 s on the video clock. Frames are ordered by their number, not by name.
 */
public final class FrameFolderSource implements FrameSource {
    public static final double FPS = 30.0;
    private static final Pattern NUMBERED = Pattern.compile("(.*?)_?(\\d+)\\.(jpe?g|png)", Pattern.CASE_INSENSITIVE);

    private record Numbered(Path file, int number) {}

    private final Path dir;
    private final List<Numbered> frames;
    private final int width;
    private final int height;
    private int position;

    private FrameFolderSource(Path dir, List<Numbered> frames, BufferedImage first) {
        this.dir = dir;
        this.frames = frames;
        this.width = first.getWidth();
        this.height = first.getHeight();
    }

    public static FrameFolderSource open(Path dir) throws IOException {
        List<Numbered> frames;
        try (Stream<Path> s = Files.list(dir)) {
            frames = s.map(p -> {
                Matcher m = NUMBERED.matcher(p.getFileName().toString());
                return m.matches() ? new Numbered(p, Integer.parseInt(m.group(2))) : null;
            }).filter(java.util.Objects::nonNull).sorted(java.util.Comparator.comparingInt(Numbered::number)).toList();
        }
        if (frames.isEmpty()) {
            throw new IOException(dir + ": no numbered frames (expected <vid>_000001.jpg ...)");
        }
        return new FrameFolderSource(dir, frames, read(frames.get(0).file()));
    }

    private static BufferedImage read(Path file) throws IOException {
        BufferedImage img = ImageIO.read(file.toFile());
        if (img == null) {
            throw new IOException(file + ": not a readable image");
        }
        return img;
    }

    @Override
    public String videoId() {
        return dir.getFileName().toString();
    }

    @Override
    public double frameRate() {
        return FPS;
    }

    @Override
    public double duration() {
        return time(frames.get(frames.size() - 1)) + 1 / FPS;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    private static double time(Numbered f) {
        return (f.number() - 1) / FPS;
    }

    @Override
    public void seek(double seconds) {
        int i = 0;
        while (i < frames.size() && time(frames.get(i)) < seconds - 1e-6) {
            i++;
        }
        position = i;
    }

    @Override
    public VideoFrame next() throws IOException {
        if (position >= frames.size()) {
            return null;
        }
        Numbered f = frames.get(position++);
        return new VideoFrame(read(f.file()), time(f));
    }

    @Override
    public void close() {}
}
