package io.x3dava.backbone.video;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A clip needs frames of a frame folder that are missing or undecodable. Loaders count these apart from other
 * failures ({@link MissingFrameTally}): they say the data has a gap, not that the video is gone.
 */
public final class MissingFrameException extends IOException {
    private static final long serialVersionUID = 1L;
    /** Paths named in the message. */
    private static final int SHOWN = 3;

    private final transient Path video;
    private final transient List<Path> frames;

    /**
     * @param video  the frame folder (or the first listed frame's folder)
     * @param frames the frames the clip needed that are not there or not readable
     * @param reason "missing" or why the frame does not decode
     */
    public MissingFrameException(Path video, List<Path> frames, String reason) {
        super(message(frames, reason));
        this.video = video;
        this.frames = List.copyOf(frames);
    }

    public Path video() {
        return video;
    }

    public List<Path> frames() {
        return frames;
    }

    private static String message(List<Path> frames, String reason) {
        String shown = frames.stream().limit(SHOWN).map(Path::toString).collect(Collectors.joining(", "));
        return (frames.size() == 1 ? "frame " : frames.size() + " frames ") + reason + ": " + shown
                + (frames.size() > SHOWN ? ", ..." : "");
    }
}
