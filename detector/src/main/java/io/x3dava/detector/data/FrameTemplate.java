package io.x3dava.detector.data;

import io.x3dava.annotations.ava.AvaTime;
import io.x3dava.backbone.video.FrameFolderSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where the JPEG frames of a video are, relative to the frames folder: {@code {vid}} stands for the video id and the
 * last path element holds the frame number as one integer conversion. PySlowFast: {@code {vid}/{vid}_%06d.jpg};
 * MMAction2 rawframes: {@code {vid}/img_%05d.jpg}. Both number the frames from 1 (= movie second 900).
 */
public record FrameTemplate(String template) {
    public static final FrameTemplate PYSLOWFAST = new FrameTemplate("{vid}/{vid}_%06d.jpg");
    public static final FrameTemplate MMACTION2 = new FrameTemplate("{vid}/img_%05d.jpg");

    private static final Pattern NUMBERED = Pattern.compile("^(.*?)(\\d+)(\\.[A-Za-z0-9]+)$");

    public FrameTemplate {
        int slash = template.lastIndexOf('/');
        String dir = slash < 0 ? "" : template.substring(0, slash);
        String file = template.substring(slash + 1);
        if (!dir.contains("{vid}") || dir.indexOf("{vid}") != dir.lastIndexOf("{vid}")) {
            throw new IllegalArgumentException("frame template '" + template
                    + "': expected one {vid} in the folder part, e.g. {vid}/img_%05d.jpg");
        }
        if (!file.matches("[^%]*%0?\\d*d[^%]*")) {
            throw new IllegalArgumentException("frame template '" + template
                    + "': expected one integer conversion (%05d, %06d...) in the file name, e.g. {vid}/img_%05d.jpg");
        }
    }

    /** Path of a video's frame folder. */
    public Path folder(Path framesRoot, String videoId) {
        String dir = template.substring(0, template.lastIndexOf('/'));
        return framesRoot.resolve(dir.replace("{vid}", videoId));
    }

    /** File name of frame {@code number}. */
    public String fileName(String videoId, long number) {
        String file = template.substring(template.lastIndexOf('/') + 1).replace("{vid}", videoId);
        return String.format(java.util.Locale.ROOT, file, number);
    }

    /** The video id of a folder made by {@link #folder}, if it is one. */
    public Optional<String> videoIdOf(Path framesRoot, Path folder) {
        String dir = template.substring(0, template.lastIndexOf('/'));
        int at = dir.indexOf("{vid}");
        String rel = framesRoot.relativize(folder).toString().replace('\\', '/');
        Matcher m = Pattern.compile(Pattern.quote(dir.substring(0, at)) + "(.+)"
                + Pattern.quote(dir.substring(at + 5))).matcher(rel);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    public FrameFolderSource open(Path framesRoot, String videoId, AvaTime time) throws IOException {
        return FrameFolderSource.fromTemplate(framesRoot, template, videoId, AvaTime.FIRST_FRAME_NUMBER, time.fps(), 0);
    }

    /**
     * The template of a frame-list path ({@code -5KQ66BBWC4/-5KQ66BBWC4_000001.jpg}): the video id becomes
     * {@code {vid}}, the last run of digits of the file name its width-preserving conversion.
     */
    public static Optional<FrameTemplate> fromExample(String videoId, String relativePath) {
        int slash = relativePath.lastIndexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        Matcher m = NUMBERED.matcher(relativePath.substring(slash + 1));
        if (!m.matches()) {
            return Optional.empty();
        }
        String digits = m.group(2);
        String conversion = digits.length() > 1 && digits.startsWith("0") ? "%0" + digits.length() + "d" : "%d";
        String dir = relativePath.substring(0, slash).replace(videoId, "{vid}");
        String file = m.group(1).replace(videoId, "{vid}") + conversion + m.group(3);
        try {
            return Optional.of(new FrameTemplate(dir + "/" + file));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The template of the frames in one video folder {@code <framesRoot>/<vid>/} (its lowest-numbered JPEG). */
    public static Optional<FrameTemplate> detect(Path videoFolder) throws IOException {
        String vid = videoFolder.getFileName().toString();
        try (Stream<Path> s = Files.list(videoFolder)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> NUMBERED.matcher(n).matches())
                    .min(Comparator.comparingLong(FrameTemplate::number))
                    .flatMap(n -> fromExample(vid, vid + "/" + n));
        }
    }

    private static long number(String fileName) {
        Matcher m = NUMBERED.matcher(fileName);
        m.matches();
        String d = m.group(2);
        return d.length() > 18 ? Long.MAX_VALUE : Long.parseLong(d);
    }

    @Override
    public String toString() {
        return template;
    }
}
