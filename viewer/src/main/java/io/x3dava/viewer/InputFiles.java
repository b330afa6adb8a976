package io.x3dava.viewer;

import io.x3dava.annotations.ava.AvaCsv;
import io.x3dava.annotations.ava.AvaExclusions;
import io.x3dava.annotations.ava.LabelMap;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** The annotation files of a session; any may be null. Malformed files fail with the file and line. */
public record InputFiles(Path detections, Path groundTruth, Path labelMap, Path exclusions, Path tracks) {

    public InputFiles(Path detections, Path groundTruth, Path labelMap, Path exclusions) {
        this(detections, groundTruth, labelMap, exclusions, null);
    }

    public OverlayModel load() throws IOException {
        OverlayModel m = new OverlayModel(
                detections == null ? List.of() : AvaCsv.readDetections(detections),
                groundTruth == null ? List.of() : AvaCsv.readGroundTruth(groundTruth),
                labelMap == null ? null : LabelMap.read(labelMap),
                exclusions == null ? Set.of() : AvaExclusions.read(exclusions));
        return tracks == null ? m : m.withTracks(TrackFile.read(tracks));
    }
}
