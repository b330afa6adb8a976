package io.x3dava.detector.cluster;

import java.io.Serializable;

/**
 * What a task sends back: its detection rows (flip-averaged with test-time flip), the unflipped rows with test-time
 * flip (else none), the keyframes it classified and those it could not read.
 */
public record AvaTaskRows(RowColumns rows, RowColumns unflipped, int keyframes, int skipped, double seconds)
        implements Serializable {
}
