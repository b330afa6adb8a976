package io.x3dava.detector.dataset;

import static io.x3dava.detector.StdoutCapture.captured;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.x3dava.annotations.ava.AvaCsv;
import io.x3dava.annotations.ava.AvaDetectionRow;
import io.x3dava.annotations.ava.AvaGroundTruthRow;
import io.x3dava.annotations.ava.LabelMap;
import io.x3dava.annotations.command.CommandLines;
import io.x3dava.detector.check.CheckAvaCommand;
import io.x3dava.detector.data.AvaLayout;
import io.x3dava.detector.data.AvaLayoutKind;
import io.x3dava.detector.data.AvaLayoutQuery;
import io.x3dava.detector.infer.DetectAvaCommand;
import io.x3dava.detector.train.TrainAvaCommand;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's videos and 3 classes of their own (not AVA's) through make-dataset, check-ava, train-ava (1 epoch) and
 * detect-ava, each command as it is, with nothing written by hand.
 */
class MakeDatasetTest {

    @Test
    void ownVideosToATrainedDetectorOfOwnClasses(@TempDir Path dir) throws Exception {
        OwnVideos.Material m = OwnVideos.write(dir, 5, 2, 6, 48, 3);
        Path ava = dir.resolve("dataset");
        String made = captured(() -> assertEquals(0, CommandLines.execute(new MakeDatasetCommand(), "--videos",
                m.videos().toString(), "--gt", m.gt().toString(), "--labelmap", m.labelMap().toString(), "--out",
                ava.toString(), "--proposals", "GT")));
        assertTrue(made.contains("val:   1 videos, 3 keyframes, 6 boxes"), made);

        // the folder is AVA in PySlowFast's layout: frames at 30 fps from the 25 fps videos, times from second 900
        AvaLayout layout = AvaLayout.detect(AvaLayoutQuery.at(ava));
        assertEquals(AvaLayoutKind.PYSLOWFAST, layout.kind());
        List<AvaGroundTruthRow> train = AvaCsv.readGroundTruth(layout.trainGt());
        List<AvaGroundTruthRow> val = AvaCsv.readGroundTruth(layout.valGt());
        assertEquals(AvaCsv.readGroundTruth(m.gt()).size(), train.size() + val.size());
        assertEquals(Set.of(902, 903, 904), val.stream().map(r -> r.keyframe().timestamp()).collect(Collectors.toSet()));
        Set<String> trainVideos = train.stream().map(r -> r.keyframe().videoId()).collect(Collectors.toSet());
        Set<String> valVideos = val.stream().map(r -> r.keyframe().videoId()).collect(Collectors.toSet());
        assertEquals(4, trainVideos.size());
        assertTrue(trainVideos.stream().noneMatch(valVideos::contains), "split by video");
        try (Stream<Path> s = Files.list(ava.resolve("frames").resolve(valVideos.iterator().next()))) {
            assertEquals(180, s.count(), "6 s at 30 fps");
        }
        assertEquals(LabelMap.read(m.labelMap()).entries(), LabelMap.read(layout.labelMap()).entries());

        String check = captured(() -> assertEquals(0, CommandLines.execute(new CheckAvaCommand(), "--ava",
                ava.toString())));
        assertTrue(check.contains("no problems found"), check);

        Path run = dir.resolve("run");
        String[] net = {"--preset", "XS", "--crop", "32", "--frames", "4", "--batch", "2", "--workers", "1"};
        String trained = captured(() -> assertEquals(0, CommandLines.execute(new TrainAvaCommand(), Stream.concat(
                Stream.of("--ava", ava.toString(), "--out", run.toString(), "--epochs", "1"), Stream.of(net))
                .toArray(String[]::new))));
        assertTrue(trained.contains("mAP"), trained);
        for (String name : OwnVideos.NAMES) {
            assertTrue(trained.contains(name), "the val table names class '" + name + "':\n" + trained);
        }
        Path checkpoint;
        try (Stream<Path> s = Files.list(run.resolve("checkpoints"))) {
            checkpoint = s.filter(p -> p.getFileName().toString().startsWith("epoch_")).sorted().reduce((a, b) -> b)
                    .orElseThrow();
        }
        Path csv = dir.resolve("detections.csv");
        assertEquals(0, CommandLines.execute(new DetectAvaCommand(), Stream.concat(Stream.of("--ava", ava.toString(),
                "--checkpoint", checkpoint.toString(), "--detections", csv.toString()), Stream.of(net))
                .toArray(String[]::new)));
        List<AvaDetectionRow> dets = AvaCsv.readDetections(csv);
        // the head has the label map's 3 classes: every val box is scored for exactly actions 1..3
        assertEquals(Set.of(1, 2, 3), dets.stream().map(AvaDetectionRow::actionId).collect(Collectors.toCollection(
                TreeSet::new)));
        assertEquals(6 * 3, dets.size());
    }

    @Test
    void personDetectorProposalsWithTheirRecallAndBadInputs(@TempDir Path dir) throws Exception {
        OwnVideos.Material m = OwnVideos.write(dir, 2, 1, 5, 64, 4);
        Path ava = dir.resolve("dataset");
        String made = captured(() -> assertEquals(0, CommandLines.execute(new MakeDatasetCommand(), "--videos",
                m.videos().toString(), "--gt", m.gt().toString(), "--labelmap", m.labelMap().toString(), "--out",
                ava.toString(), "--short-side", "48")));
        // the built-in HOG detector ran on every keyframe; moving shapes are not pedestrians, and the recall says so
        assertTrue(made.contains("proposals: hog on 4 keyframes"), made);
        assertTrue(made.contains("val   recall of ground-truth boxes at IoU 0.5: 0.0% with score >= 0.8"), made);
        assertTrue(Files.isRegularFile(ava.resolve("annotations/ava_detection_val_boxes_and_labels.csv")));
        try (Stream<Path> s = Files.list(ava.resolve("frames/dock_0"))) {
            assertEquals(150, s.count());
        }

        // a video id without a file, a GT second past the video's end, an action outside the label map: exit 2
        Path gt = dir.resolve("bad.csv");
        Files.writeString(gt, Files.readString(m.gt()) + "nosuch,0002,0.1,0.1,0.2,0.2,1,0\n");
        assertEquals(2, CommandLines.execute(new MakeDatasetCommand(), "--videos", m.videos().toString(), "--gt",
                gt.toString(), "--labelmap", m.labelMap().toString(), "--out", dir.resolve("o1").toString()));
        Files.writeString(gt, Files.readString(m.gt()) + "dock_0,0009,0.1,0.1,0.2,0.2,1,0\n");
        assertEquals(2, CommandLines.execute(new MakeDatasetCommand(), "--videos", m.videos().toString(), "--gt",
                gt.toString(), "--labelmap", m.labelMap().toString(), "--out", dir.resolve("o2").toString()));
        Files.writeString(gt, Files.readString(m.gt()) + "dock_0,0002,0.1,0.1,0.2,0.2,7,0\n");
        assertEquals(2, CommandLines.execute(new MakeDatasetCommand(), "--videos", m.videos().toString(), "--gt",
                gt.toString(), "--labelmap", m.labelMap().toString(), "--out", dir.resolve("o3").toString()));
    }
}
