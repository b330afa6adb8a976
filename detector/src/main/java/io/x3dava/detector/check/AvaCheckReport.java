package io.x3dava.detector.check;

import io.x3dava.detector.data.AvaLayoutKind;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What check-ava found. Problems are the findings that cost accuracy or stop a run (missing or short videos,
 * incomplete or undecodable keyframe windows, unknown classes, low proposal recall, missing files); the rest is
 * information.
 */
public record AvaCheckReport(AvaLayoutKind layout, Path root, List<FileStatus> files, List<Split> splits,
                             List<String> problems, double seconds) {

    public AvaCheckReport {
        files = List.copyOf(files);
        splits = List.copyOf(splits);
        problems = List.copyOf(problems);
    }

    public boolean fine() {
        return problems.isEmpty();
    }

    /** A file or folder of the layout. */
    public record FileStatus(String role, Path path, boolean found, boolean required) {
    }

    /**
     * One video: frames found (files, or decoded frames of a clip) against the expected count.
     *
     * @param holes   frame numbers missing below the highest one found
     * @param source  where the expected count comes from (frame list, cut clip, AVA)
     */
    public record VideoFrames(String videoId, boolean present, long frames, long expected, long holes,
                              String source) {
        public boolean complete() {
            return present && frames == expected && holes == 0;
        }
    }

    /** Person boxes of a split above the threshold and how well they cover the ground truth. */
    public record Proposals(Path file, boolean found, double threshold, int keyframes, int boxes,
                            double boxesPerKeyframe, int gtKeyframesWithout, double recall50, double recall90) {
    }

    /**
     * One split (train or val). {@code rowsPerClass}: ground-truth rows (= boxes, one row per box and action) per
     * action id; {@code rowsNotEvaluated}: rows of classes outside the evaluation label map (normal: AVA trains on 80
     * ids and evaluates 60); {@code rowsUnknownClass}: rows of ids in no label map.
     */
    public record Split(String name, Path groundTruth, boolean found, int rows, int boxes, int keyframes,
                        Map<Integer, Integer> rowsPerClass,
                        int rowsNotEvaluated, int rowsUnknownClass, int keyframesOutsideRange, int videosListed,
                        int videosPresent, List<VideoFrames> videos, int windows, int windowsIncomplete,
                        int windowsDecoded, int windowsUndecodable, List<String> examples, Proposals proposals,
                        int excludedTimestamps, int excludedInGroundTruth) {
    }
}
