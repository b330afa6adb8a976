package io.x3dava.viewer;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

import picocli.CommandLine.Option;

/** Command-line options shared by the viewer and the export command (a picocli mixin). */
public final class OverlayOptions {
    @Option(names = {"-d", "--detections"}, description = "detections CSV: video,sec,x1,y1,x2,y2,action,score")
    Path detections;

    @Option(names = {"-g", "--gt"}, description = "ground-truth CSV (enables TP/FP/missed marking and per-class AP)")
    Path groundTruth;

    @Option(names = {"-l", "--labelmap"}, description = "label map .pbtxt (class names; AP over its classes)")
    Path labelMap;

    @Option(names = {"-e", "--exclusions"}, description = "excluded timestamps CSV")
    Path exclusions;

    @Option(names = "--tracks", description = "person tracks JSON from detect-video (tracks.json): track ids on the boxes")
    Path tracks;

    @Option(names = "--video-id", description = "video id in the CSVs (default: the file or folder name)")
    String videoId;

    @Option(names = "--ava-offset", description = "the video is an AVA 15-minute cut: frame time t is annotation time 900 + t")
    boolean avaOffset;

    @Option(names = "--offset", description = "annotation time of the video's first frame in seconds (overrides --ava-offset)")
    Double offset;

    @Option(names = "--mode", defaultValue = "hold",
            description = "between keyframes: keyframe-only, hold or interpolate; default ${DEFAULT-VALUE}")
    String mode;

    @Option(names = "--threshold", defaultValue = "0.3", description = "minimum action score shown; default ${DEFAULT-VALUE}")
    double threshold;

    @Option(names = "--top-k", defaultValue = "3", description = "actions shown per box; default ${DEFAULT-VALUE}")
    int topK;

    @Option(names = "--classes", split = ",", description = "only these action ids (comma-separated)")
    Integer[] classes;

    public InputFiles inputs() {
        return new InputFiles(detections, groundTruth, labelMap, exclusions, tracks);
    }

    public TimeMapping timeMapping() {
        if (offset != null) {
            return new TimeMapping(offset);
        }
        return avaOffset ? TimeMapping.avaCut() : TimeMapping.none();
    }

    /** @throws IllegalArgumentException with a message naming the bad option */
    public OverlaySettings settings() {
        if (topK < 1) {
            throw new IllegalArgumentException("--top-k must be >= 1, got " + topK);
        }
        ClassFilter filter = classes == null ? ClassFilter.all()
                : ClassFilter.only(Arrays.stream(classes).collect(Collectors.toUnmodifiableSet()));
        return new OverlaySettings(DrawMode.parse(mode), threshold, topK, filter, OverlaySettings.DEFAULT_TOLERANCE);
    }

    public String videoId() {
        return videoId;
    }
}
