package io.x3dava.proposals.detect;

import java.io.IOException;

/** Opens the detector a {@link DetectorSpec} names. */
public final class PersonDetectors {
    private PersonDetectors() {
    }

    /**
     * @param minScore person boxes scoring below are dropped (HOG: its logistic score, see {@link HogPersonDetector})
     */
    public static FramePersonDetector open(DetectorSpec spec, double minScore) throws IOException {
        if (spec.kind() == DetectorKind.HOG) {
            return HogPersonDetector.create(minScore, 800);
        }
        return DjlPersonDetector.open(spec, minScore);
    }
}
