package io.x3dava.proposals.detect;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;

/** Person boxes on whole video frames; one instance per thread (detectors keep native state). */
public interface FramePersonDetector extends AutoCloseable {

    /** People in one frame (normalized boxes), highest score first. */
    List<PersonHit> detect(BufferedImage frame) throws IOException;

    /** What runs, for logs and reports, e.g. "HOG (OpenCV, Dalal-Triggs)". */
    String description();

    @Override
    void close();
}
