package io.x3dava.viewer.annotate;

import io.x3dava.backbone.video.DecodedClip;
import io.x3dava.proposals.detect.FrameImages;
import io.x3dava.proposals.detect.FramePersonDetector;
import io.x3dava.viewer.VideoFrame;

import java.io.IOException;
import java.util.List;
import java.util.Set;

/** A person detector (the built-in HOG by default) run on each keyframe when it is first shown. */
final class DetectorSuggestions implements BoxSuggestions {
    private final FramePersonDetector detector;
    private final double minScore;

    DetectorSuggestions(FramePersonDetector detector, double minScore) {
        this.detector = detector;
        this.minScore = minScore;
    }

    @Override
    public List<PersonLabel> at(int second, VideoFrame frame) throws IOException {
        DecodedClip clip = new DecodedClip(frame.rgb(), 1, frame.height(), frame.width());
        return detector.detect(FrameImages.bgr(clip, 0)).stream().filter(h -> h.score() >= minScore)
                .map(h -> new PersonLabel(-1, h.box(), Set.of())).toList();
    }

    @Override
    public boolean needsFrame() {
        return true;
    }

    @Override
    public String description() {
        return detector.description();
    }

    @Override
    public void close() {
        detector.close();
    }
}
