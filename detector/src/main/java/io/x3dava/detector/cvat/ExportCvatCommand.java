package io.x3dava.detector.cvat;

import io.x3dava.annotations.ava.AvaCsv;
import io.x3dava.annotations.ava.AvaDetectionRow;
import io.x3dava.annotations.ava.AvaGroundTruthRow;
import io.x3dava.annotations.ava.LabelMap;
import io.x3dava.annotations.command.OutputPaths;
import io.x3dava.annotations.cvat.CvatDocument;
import io.x3dava.annotations.cvat.CvatExport;
import io.x3dava.annotations.cvat.CvatVideo;
import io.x3dava.backbone.video.VideoFiles;
import io.x3dava.annotations.cvat.CvatWriter;
import io.x3dava.proposals.track.TracksJson;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** AVA ground truth, or detect-video's tracks and actions, to a CVAT for video 1.1 file. */
@Command(name = "export-cvat", mixinStandardHelpOptions = true,
        description = {"Write a 'CVAT for video 1.1' XML to upload into a CVAT task made from the same video: label "
                + "'person' with one checkbox attribute per class of the label map, one track per person id (--gt) or"
                + " per detect-video track (--tracks, with --detections ticking the actions scoring at least "
                + "--threshold, as a pre-annotation to correct). import-cvat reads it back to the same rows."})
public final class ExportCvatCommand implements Callable<Integer> {

    /** Where the boxes come from. */
    static final class Source {
        @Option(names = "--gt", required = true, description = "AVA ground-truth CSV (rows of this video are exported)")
        Path gt;

        @Option(names = "--tracks", required = true, description = "detect-video's tracks.json")
        Path tracks;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--detections", description = "with --tracks: detect-video's actions_keyframes.csv")
    Path detections;

    @Option(names = "--threshold", defaultValue = "0.5", description = "with --detections: lowest score ticked")
    double threshold;

    @Option(names = "--video", required = true, description = "the video (size, frame rate, length)")
    Path video;

    @Option(names = "--labelmap", required = true, description = "label map (.pbtxt): the checkbox attributes")
    Path labelMap;

    @Option(names = "--out", required = true, description = "CVAT XML file to write")
    Path out;

    @Option(names = "--offset", defaultValue = "0", description = "AVA timestamp of the video's start")
    int offset;

    @Option(names = "--video-id", description = "AVA video id (default: the video's file name without extension)")
    String videoId;

    @Option(names = "--keyframe-step", defaultValue = "1", description = "seconds between keyframes")
    int keyframeStep;

    @Override
    public Integer call() throws Exception {
        if (keyframeStep < 1) {
            throw new IllegalArgumentException("--keyframe-step must be at least 1 second, got " + keyframeStep);
        }
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("--threshold must be in [0, 1], got " + threshold);
        }
        if (detections != null && source.tracks == null) {
            throw new IllegalArgumentException("--detections goes with --tracks (a GT CSV holds its actions)");
        }
        OutputPaths.requireFile(out);
        LabelMap map = LabelMap.read(labelMap);
        CvatVideo geometry = VideoGeometry.of(video);
        String id = videoId != null ? videoId : VideoFiles.videoId(video);
        CvatDocument doc;
        String what;
        if (source.gt != null) {
            List<AvaGroundTruthRow> rows = AvaCsv.readGroundTruth(source.gt).stream()
                    .filter(r -> r.keyframe().videoId().equals(id) && r.actionId() > 0).toList();
            if (rows.isEmpty()) {
                throw new IllegalArgumentException(source.gt + ": no rows of video '" + id + "' (give --video-id?)");
            }
            for (AvaGroundTruthRow r : rows) {
                if (!map.contains(r.actionId())) {
                    throw new IllegalArgumentException(source.gt + ": action id " + r.actionId() + " (at "
                            + r.keyframe().imageKey() + ") is not in " + labelMap);
                }
            }
            doc = CvatExport.fromGroundTruth(id, rows, map, geometry, offset, keyframeStep);
            what = rows.size() + " ground-truth rows";
        } else {
            TracksJson.Document t = TracksJson.read(source.tracks);
            List<CvatExport.TimedTrack> tracks = t.tracks().stream().map(tr -> new CvatExport.TimedTrack(tr.id(),
                    tr.boxes().stream().map(b -> new CvatExport.TimedBox(b.t(),
                            new io.x3dava.annotations.ava.AvaBox(b.x1(), b.y1(), b.x2(), b.y2()))).toList())).toList();
            List<AvaDetectionRow> dets = detections == null ? List.of() : KeyframeDetections.read(detections);
            doc = CvatExport.fromTracks(id, tracks, dets, threshold, map, geometry, offset);
            what = tracks.size() + " tracks" + (detections == null ? "" : " with " + dets.size() + " detection rows");
        }
        CvatWriter.write(out, doc, geometry);
        System.out.printf("%s: %s -> %d CVAT tracks in %s%n", id, what, doc.tracks().size(), out);
        return 0;
    }
}
