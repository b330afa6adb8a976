package io.x3dava.detector.cluster;

import io.x3dava.backbone.video.MissingFrames;

import java.io.Serializable;

/**
 * What a task sends back: its detection rows (flip-averaged with test-time flip), the unflipped rows with test-time
 * flip (else none), the keyframes it classified and those it could not read, and of those the keyframes left out for
 * a missing frame (the task's video only).
 */
public record AvaTaskRows(RowColumns rows, RowColumns unflipped, int keyframes, int skipped, double seconds,
                          MissingFrames missing)
        implements Serializable {
}
