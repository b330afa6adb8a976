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
        String file = t.template().substring(t.template().lastIndexOf('/') + 1).replace("{vid}", videoId);
        Matcher conv = CONVERSION.matcher(file);
        if (!conv.find()) {
            throw new IllegalArgumentException("frame template '" + t + "' has no integer conversion");
        }
        String prefix = file.substring(0, conv.start());
        String suffix = file.substring(conv.end());
        // File names as strings (no Path per file, no regex): a full AVA video holds 27,030 frames.
        String[] names = dir.toFile().list();
        if (names == null) {
            throw new IOException(dir + ": cannot list the frame folder");
        }
        BitSet numbers = new BitSet();
        long count = 0;
        long highest = 0;
        for (String n : names) {
            int end = n.length() - suffix.length();
            if (end - prefix.length() < 1 || end - prefix.length() > 9 || !n.startsWith(prefix)
                    || !n.endsWith(suffix)) {
                continue;
            }
            int value = 0;
            boolean digits = true;
            for (int i = prefix.length(); i < end && digits; i++) {
                char c = n.charAt(i);
                digits = c >= '0' && c <= '9';
                value = value * 10 + (c - '0');
            }
            if (digits) {
                numbers.set(value);
                count++;
                highest = Math.max(highest, value);
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

    private static final Pattern CONVERSION = Pattern.compile("%0?\\d*d");
}
