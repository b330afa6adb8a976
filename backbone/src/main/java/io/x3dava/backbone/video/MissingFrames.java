package io.x3dava.backbone.video;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * Clips left out because a frame they need is missing or undecodable (a summary of a {@link MissingFrameTally}).
 *
 * @param clips    clips (or keyframes) skipped
 * @param videos   distinct videos they belong to
 * @param examples the first few frame paths, for the message
 */
public record MissingFrames(long clips, int videos, List<String> examples) implements Serializable {
    public static final MissingFrames NONE = new MissingFrames(0, 0, List.of());

    public MissingFrames {
        examples = List.copyOf(examples);
    }

    /** {@code 3 clips skipped: missing frames in 2 videos (a/a_000004.jpg, ...)}; {@code what} names the unit. */
    public String summary(String what) {
        return String.format(Locale.ROOT, "%d %s skipped: missing frames in %d video%s (%s)", clips, what, videos,
                videos == 1 ? "" : "s", String.join(", ", examples));
    }
}
