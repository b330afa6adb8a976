package io.x3dava.annotations.cvat;

import java.nio.file.Path;

/**
 * How CVAT tracks become AVA rows.
 *
 * @param videoId the AVA video id of the rows
 * @param offsetSeconds AVA timestamp of the video's second 0 (0: seconds from the start; 900 for AVA-style cut clips)
 * @param keyframeStep seconds between keyframes (keyframes at step, 2 step, ...)
 * @param personLabel the CVAT label of people (ignoring case); tracks of other labels are ignored
 * @param labelMapFile the label map's file, named in messages
 * @param growLabelMap add names not in the label map (ids after the largest, first-seen order) instead of failing
 */
public record CvatImportOptions(String videoId, int offsetSeconds, int keyframeStep, String personLabel,
                                Path labelMapFile, boolean growLabelMap) {
    public CvatImportOptions {
        if (keyframeStep < 1) {
            throw new IllegalArgumentException("--keyframe-step must be at least 1 second, got " + keyframeStep);
        }
    }

    public static CvatImportOptions forVideo(String videoId) {
        return new CvatImportOptions(videoId, 0, 1, "person", null, false);
    }

    public CvatImportOptions withOffsetSeconds(int seconds) {
        return new CvatImportOptions(videoId, seconds, keyframeStep, personLabel, labelMapFile, growLabelMap);
    }

    public CvatImportOptions withKeyframeStep(int seconds) {
        return new CvatImportOptions(videoId, offsetSeconds, seconds, personLabel, labelMapFile, growLabelMap);
    }

    public CvatImportOptions withPersonLabel(String label) {
        return new CvatImportOptions(videoId, offsetSeconds, keyframeStep, label, labelMapFile, growLabelMap);
    }

    public CvatImportOptions withLabelMapFile(Path file) {
        return new CvatImportOptions(videoId, offsetSeconds, keyframeStep, personLabel, file, growLabelMap);
    }

    public CvatImportOptions withGrowLabelMap(boolean grow) {
        return new CvatImportOptions(videoId, offsetSeconds, keyframeStep, personLabel, labelMapFile, grow);
    }
}
