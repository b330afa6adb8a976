package io.x3dava.detector.data;

import java.nio.file.Path;

/**
 * An AVA folder and, where the layout differs from what is detected, where things are (null = detect).
 *
 * @param version annotation version in the file names (2.1 or 2.2); null = the one whose files exist
 * @param offsetSeconds movie second at which videos and frame folders start; null = 900
 */
public record AvaLayoutQuery(Path root, Path framesDir, String frameTemplate, Path annotations, Path trainProposals,
                             Path valProposals, String version, Double offsetSeconds) {

    public static AvaLayoutQuery at(Path root) {
        return new AvaLayoutQuery(root, null, null, null, null, null, null, null);
    }

    public AvaLayoutQuery withFramesDir(Path dir) {
        return new AvaLayoutQuery(root, dir, frameTemplate, annotations, trainProposals, valProposals, version,
                offsetSeconds);
    }

    public AvaLayoutQuery withFrameTemplate(String template) {
        return new AvaLayoutQuery(root, framesDir, template, annotations, trainProposals, valProposals, version,
                offsetSeconds);
    }

    public AvaLayoutQuery withAnnotations(Path dir) {
        return new AvaLayoutQuery(root, framesDir, frameTemplate, dir, trainProposals, valProposals, version,
                offsetSeconds);
    }

    public AvaLayoutQuery withTrainProposals(Path file) {
        return new AvaLayoutQuery(root, framesDir, frameTemplate, annotations, file, valProposals, version,
                offsetSeconds);
    }

    public AvaLayoutQuery withValProposals(Path file) {
        return new AvaLayoutQuery(root, framesDir, frameTemplate, annotations, trainProposals, file, version,
                offsetSeconds);
    }

    public AvaLayoutQuery withVersion(String v) {
        return new AvaLayoutQuery(root, framesDir, frameTemplate, annotations, trainProposals, valProposals, v,
                offsetSeconds);
    }

    public AvaLayoutQuery withOffsetSeconds(Double seconds) {
        return new AvaLayoutQuery(root, framesDir, frameTemplate, annotations, trainProposals, valProposals, version,
                seconds);
    }
}
