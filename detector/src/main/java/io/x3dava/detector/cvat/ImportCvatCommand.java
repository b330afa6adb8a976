package io.x3dava.detector.cvat;

import io.x3dava.annotations.ava.AvaCsv;
import io.x3dava.annotations.ava.AvaGroundTruthRow;
import io.x3dava.annotations.ava.LabelMap;
import io.x3dava.annotations.command.OutputPaths;
import io.x3dava.annotations.cvat.CvatDocument;
import io.x3dava.annotations.cvat.CvatImport;
import io.x3dava.annotations.cvat.CvatImportOptions;
import io.x3dava.annotations.cvat.CvatReader;
import io.x3dava.annotations.cvat.CvatVideo;
import io.x3dava.backbone.video.VideoFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** CVAT for video 1.1 person tracks to AVA ground truth. */
@Command(name = "import-cvat", mixinStandardHelpOptions = true,
        description = {"Read CVAT's 'CVAT for video 1.1' export (annotations.xml or the export zip) into an AVA "
                + "ground-truth CSV: each person track is a person (person id = track id); at every keyframe second "
                + "its box on frame round(t x fps) with the actions ticked there (checkbox attributes that are true, "
                + "values of select/radio attributes).",
                "Rows of other videos already in --gt are kept; this video's rows are replaced."})
public final class ImportCvatCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "ANNOTATIONS", description = "CVAT's annotations.xml or export .zip")
    Path annotations;

    @Option(names = "--video", required = true, description = "the video the CVAT task was made from")
    Path video;

    @Option(names = "--labelmap", description = "label map (.pbtxt) whose names the actions must match (ignoring case);"
            + " optional with --labelmap-out")
    Path labelMap;

    @Option(names = "--labelmap-out", description = "write a label map of every action name found (the --labelmap's "
            + "names first, new ones after in first-seen order) instead of failing on an unknown name")
    Path labelMapOut;

    @Option(names = "--gt", required = true, description = "AVA ground-truth CSV to write")
    Path gt;

    @Option(names = "--offset", defaultValue = "0", description = "AVA timestamp of the video's start (900 for "
            + "AVA-style cut clips)")
    int offset;

    @Option(names = "--video-id", description = "AVA video id (default: the video's file name without extension)")
    String videoId;

    @Option(names = "--keyframe-step", defaultValue = "1", description = "seconds between keyframes")
    int keyframeStep;

    @Option(names = "--person-label", defaultValue = "person", description = "CVAT label of people (other labels' "
            + "tracks are ignored)")
    String personLabel;

    @Override
    public Integer call() throws Exception {
        if (labelMap == null && labelMapOut == null) {
            throw new IllegalArgumentException("give --labelmap MAP.pbtxt (the actions' names), --labelmap-out "
                    + "NEW.pbtxt (a label map of the names found), or both");
        }
        if (keyframeStep < 1) {
            throw new IllegalArgumentException("--keyframe-step must be at least 1 second, got " + keyframeStep);
        }
        OutputPaths.requireFile(gt);
        OutputPaths.requireFile(labelMapOut);
        LabelMap map = labelMap == null ? null : LabelMap.read(labelMap);
        CvatDocument doc = CvatReader.read(annotations);
        CvatVideo geometry = VideoGeometry.of(video);
        String id = videoId != null ? videoId : VideoFiles.videoId(video);
        CvatImport.Result r = CvatImport.toAva(doc, geometry, map, CvatImportOptions.forVideo(id)
                .withOffsetSeconds(offset).withKeyframeStep(keyframeStep).withPersonLabel(personLabel)
                .withLabelMapFile(labelMap).withGrowLabelMap(labelMapOut != null));
        List<AvaGroundTruthRow> rows = new ArrayList<>();
        if (Files.isRegularFile(gt)) {
            AvaCsv.readGroundTruth(gt).stream().filter(x -> !x.keyframe().videoId().equals(id)).forEach(rows::add);
        }
        int kept = rows.size();
        rows.addAll(r.rows());
        AvaCsv.writeGroundTruth(gt, rows);
        if (labelMapOut != null) {
            r.labelMap().write(labelMapOut);
        }
        System.out.printf("%s: %d person tracks (%d tracks of other labels ignored), %d keyframes, %d person boxes "
                + "(%d occluded, %d without an action, left out), %d rows -> %s%s%n", id, r.personTracks(),
                r.otherTracks(), r.keyframes(), r.personBoxes(), r.occludedBoxes(), r.unlabelledBoxes(),
                r.rows().size(), gt, kept > 0 ? " (" + kept + " rows of other videos kept)" : "");
        if (labelMapOut != null) {
            System.out.println("label map of " + r.labelMap().size() + " classes -> " + labelMapOut);
        }
        return 0;
    }
}
