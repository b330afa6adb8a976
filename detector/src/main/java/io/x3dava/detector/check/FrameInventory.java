package io.x3dava.detector.check;

import io.x3dava.annotations.ava.AvaTime;
import io.x3dava.backbone.video.FrameSource;
import io.x3dava.backbone.video.FrameSources;
import io.x3dava.detector.data.AvaVideos;
import io.x3dava.detector.data.FrameTemplate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The frames one video has, from one directory listing (frame folders) or the container's header (cut clips): no
 * pixel is read. {@code numbers} holds the frame numbers present (file numbers for folders, 1 + index for clips).
 */
record FrameInventory(boolean present, long frames, long highest, BitSet numbers, double fps) {

    static FrameInventory absent() {
        return new FrameInventory(false, 0, 0, new BitSet(), AvaTime.FPS);
    }

    long holes() {
        return Math.max(0, highest - frames);
    }

    boolean has(long number) {
        return number >= 0 && number <= Integer.MAX_VALUE && numbers.get((int) number);
    }

    static FrameInventory of(AvaVideos videos, String videoId) throws IOException {
        Path p = videos.locate(videoId);
        if (videos.template() != null) {
            return Files.isDirectory(p) ? folder(p, videos.template(), videoId, videos.time().fps()) : absent();
        }
        if (Files.isRegularFile(p)) {
            return clip(p);
        }
        if (Files.isDirectory(p)) {
            FrameTemplate t = FrameTemplate.detect(p).orElse(null);
            return t == null ? new FrameInventory(true, 0, 0, new BitSet(), AvaTime.FPS)
                    : folder(p, t, videoId, videos.time().fps());
        }
        return absent();
    }

    private static FrameInventory folder(Path dir, FrameTemplate t, String videoId, double fps) throws IOException {
        Pattern name = fileNamePattern(t, videoId);
        BitSet numbers = new BitSet();
        long count = 0;
        long highest = 0;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : (Iterable<Path>) s::iterator) {
                Matcher m = name.matcher(f.getFileName().toString());
                if (m.matches() && m.group(1).length() < 10) {
                    int n = Integer.parseInt(m.group(1));
                    numbers.set(n);
                    count++;
                    highest = Math.max(highest, n);
                }
            }
        }
        return new FrameInventory(true, count, highest, numbers, fps);
    }

    /** A cut clip: its frame count from the container (no decoding), all numbers 1..count present. */
    private static FrameInventory clip(Path file) throws IOException {
        try (FrameSource src = FrameSources.open(file)) {
            long n = src.frameCount();
            BitSet numbers = new BitSet();
            numbers.set(AvaTime.FIRST_FRAME_NUMBER, (int) Math.min(Integer.MAX_VALUE, n + AvaTime.FIRST_FRAME_NUMBER));
            return new FrameInventory(true, n, n, numbers, src.fps());
        }
    }

    /** The template's file name as a regex over the frame number. */
    static Pattern fileNamePattern(FrameTemplate t, String videoId) {
        String file = t.template().substring(t.template().lastIndexOf('/') + 1).replace("{vid}", videoId);
        Matcher conv = Pattern.compile("%0?\\d*d").matcher(file);
        if (!conv.find()) {
            throw new IllegalArgumentException("frame template '" + t + "' has no integer conversion");
        }
        return Pattern.compile(Pattern.quote(file.substring(0, conv.start())) + "(\\d+)"
                + Pattern.quote(file.substring(conv.end())));
    }
}
