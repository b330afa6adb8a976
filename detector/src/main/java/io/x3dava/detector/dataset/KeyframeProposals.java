package io.x3dava.detector.dataset;

import io.x3dava.annotations.ava.AvaGroundTruthRow;
import io.x3dava.annotations.ava.AvaProposalRow;
import io.x3dava.annotations.ava.Keyframe;
import io.x3dava.backbone.video.DecodedClip;
import io.x3dava.backbone.video.VideoFileSource;
import io.x3dava.proposals.detect.DetectorSpec;
import io.x3dava.proposals.detect.FrameImages;
import io.x3dava.proposals.detect.FramePersonDetector;
import io.x3dava.proposals.detect.PersonDetectors;
import io.x3dava.proposals.detect.PersonHit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** Person proposals on the keyframes of the ground truth, in the data set's time (movie seconds from 900). */
final class KeyframeProposals {
    private KeyframeProposals() {
    }

    /** The ground-truth boxes themselves, score 1. */
    static List<AvaProposalRow> fromGroundTruth(List<AvaGroundTruthRow> gt) {
        Map<Keyframe, java.util.Set<io.x3dava.annotations.ava.AvaBox>> boxes = new TreeMap<>();
        gt.forEach(r -> boxes.computeIfAbsent(r.keyframe(), k -> new java.util.LinkedHashSet<>()).add(r.box()));
        List<AvaProposalRow> out = new ArrayList<>();
        boxes.forEach((k, set) -> set.forEach(b -> out.add(new AvaProposalRow(k, b, 0, 1.0))));
        return out;
    }

    /**
     * The detector on every keyframe of {@code gt}: keyframe second t of video v is the frame at
     * {@code t - movieOffset} seconds of {@code videos.get(v)}.
     */
    static List<AvaProposalRow> detect(DetectorSpec spec, List<AvaGroundTruthRow> gt, Map<String, Path> videos,
                                       int movieOffset) throws IOException {
        Map<String, SortedSet<Integer>> keyframes = new TreeMap<>();
        gt.forEach(r -> keyframes.computeIfAbsent(r.keyframe().videoId(), v -> new TreeSet<>())
                .add(r.keyframe().timestamp()));
        List<AvaProposalRow> out = new ArrayList<>();
        try (FramePersonDetector d = PersonDetectors.open(spec, 0.0)) {
            for (Map.Entry<String, SortedSet<Integer>> e : keyframes.entrySet()) {
                try (VideoFileSource src = new VideoFileSource(videos.get(e.getKey()))) {
                    for (int t : e.getValue()) {
                        long index = Math.min(src.frameCount() - 1, Math.round((t - movieOffset) * src.fps()));
                        DecodedClip frame = src.read(new long[] {index}, 0);
                        Keyframe k = new Keyframe(e.getKey(), t);
                        for (PersonHit h : d.detect(FrameImages.bgr(frame, 0))) {
                            out.add(new AvaProposalRow(k, h.box(), 0, h.score()));
                        }
                    }
                }
            }
        }
        return out;
    }
}
