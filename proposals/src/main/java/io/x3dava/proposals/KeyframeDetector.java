package io.x3dava.proposals;

import io.x3dava.annotations.ava.AvaTime;
import io.x3dava.annotations.ava.Keyframe;
import io.x3dava.backbone.video.DecodedClip;
import io.x3dava.backbone.video.FrameSource;
import io.x3dava.backbone.video.FrameSources;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** An open person detector as detect-proposals runs it: the person boxes of one decoded keyframe. */
public interface KeyframeDetector extends AutoCloseable {

    List<PersonBox> detect(Keyframe keyframe, DecodedClip frame) throws IOException;

    @Override
    void close();

    /**
     * Detects on the keyframes {@code range} of one video (file or frame folder) whose second 0 is movie second
     * {@code offset}; returns the number of keyframes past its end.
     */
    default int detectVideo(Path input, KeyframeRange range, double offset, List<PersonBox> sink) throws IOException {
        String videoId = videoId(input);
        int skipped = 0;
        try (FrameSource src = FrameSources.open(input)) {
            AvaTime time = new AvaTime(offset, src.fps());
            for (int t = range.first(); t <= range.last(); t++) {
                long index = time.frameIndex(t);
                if (index < 0 || index >= src.frameCount()) {
                    skipped++;
                    continue;
                }
                DecodedClip frame = src.read(new long[] {index}, 0);
                sink.addAll(detect(new Keyframe(videoId, t), frame));
            }
        }
        return skipped;
    }

    /** A loaded TorchScript / DJL person detector as a keyframe detector (closing it closes the model). */
    static KeyframeDetector of(PersonDetector d) {
        return new KeyframeDetector() {
            @Override
            public List<PersonBox> detect(Keyframe k, DecodedClip frame) throws IOException {
                return d.detect(k, PersonDetector.toImage(frame, 0));
            }

            @Override
            public void close() {
                d.close();
            }
        };
    }

    /** The AVA video id of a clip file or frame folder: its name without extension. */
    static String videoId(Path input) {
        String name = input.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return Files.isRegularFile(input) && dot > 0 ? name.substring(0, dot) : name;
    }
}
