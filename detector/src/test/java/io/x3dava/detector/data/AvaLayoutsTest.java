package io.x3dava.detector.data;

import static io.x3dava.detector.StdoutCapture.captured;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.x3dava.annotations.ava.AvaCsv;
import io.x3dava.annotations.command.CommandLines;
import io.x3dava.detector.check.CheckAvaCommand;
import io.x3dava.detector.infer.DetectAvaCommand;
import io.x3dava.detector.synthetic.SyntheticAvaLayouts;
import io.x3dava.detector.train.TrainAvaCommand;
import io.x3dava.detector.model.DetectorCheckpoint;
import io.x3dava.backbone.synthetic.MotionLabels;
import io.x3dava.annotations.ava.LabelMapEntry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real AVA layouts as PySlowFast and MMAction2 leave them, and the cut clips: each generated with the tools' file
 * names and frame numbering, then check-ava, train-ava (1 epoch, tiny network) and detect-ava run on it unchanged.
 */
class AvaLayoutsTest {

    @Test
    void pySlowFastLayout(@TempDir Path dir) throws Exception {
        Path root = SyntheticAvaLayouts.write(dir.resolve("ava"), AvaLayoutKind.PYSLOWFAST, 1, 1, 2, 3, 32, 3);
        assertTrue(Files.isRegularFile(root.resolve("frames/syn_ava_t000/syn_ava_t000_000001.jpg")));
        assertTrue(Files.isRegularFile(root.resolve("annotations/person_box_67091280_iou90/"
                + "ava_detection_train_boxes_and_labels_include_negative_v2.2.csv")));
        AvaLayout l = AvaLayout.detect(AvaLayoutQuery.at(root));
        assertEquals(AvaLayoutKind.PYSLOWFAST, l.kind());
        assertEquals(FrameTemplate.PYSLOWFAST, l.videos().template());
        assertTrue(l.items().stream().filter(AvaLayout.Item::required).allMatch(AvaLayout.Item::found),
                l.describe());
        runAll(dir, root, List.of());
    }

    @Test
    void mmaction2Layout(@TempDir Path dir) throws Exception {
        Path root = SyntheticAvaLayouts.write(dir.resolve("ava"), AvaLayoutKind.MMACTION2, 1, 1, 2, 3, 32, 4);
        assertTrue(Files.isRegularFile(root.resolve("rawframes/syn_ava_v001/img_00001.jpg")));
        AvaLayout l = AvaLayout.detect(AvaLayoutQuery.at(root));
        assertEquals(AvaLayoutKind.MMACTION2, l.kind());
        assertEquals(FrameTemplate.MMACTION2, l.videos().template());
        assertTrue(l.valProposals().toString().endsWith("ava_dense_proposals_val.FAIR.recall_93.9.pkl"));
        runAll(dir, root, List.of());
    }

    @Test
    void cutClipLayout(@TempDir Path dir) throws Exception {
        Path root = SyntheticAvaLayouts.write(dir.resolve("ava"), AvaLayoutKind.CUT_CLIPS, 1, 1, 2, 3, 32, 5);
        AvaLayout l = AvaLayout.detect(AvaLayoutQuery.at(root));
        assertEquals(AvaLayoutKind.CUT_CLIPS, l.kind());
        assertEquals(root.resolve("videos_15min"), l.videos().root());
        // the generated clips last 6 s, not AVA's 901
        runAll(dir, root, List.of("--expected-frames", "180"));
    }

    private static void runAll(Path dir, Path root, List<String> checkOptions) throws Exception {
        List<String> check = new ArrayList<>(List.of("--ava", root.toString()));
        check.addAll(checkOptions);
        String out = captured(() -> assertEquals(0, CommandLines.execute(new CheckAvaCommand(),
                check.toArray(String[]::new))));
        assertTrue(out.contains("no problems found"), out);
        Path run = dir.resolve("run");
        String[] net = {"--preset", "XS", "--crop", "32", "--frames", "4", "--batch", "2", "--workers", "1"};
        List<String> train = new ArrayList<>(List.of("--ava", root.toString(), "--out", run.toString(), "--epochs",
                "1"));
        train.addAll(List.of(net));
        assertEquals(0, CommandLines.execute(new TrainAvaCommand(), train.toArray(String[]::new)));
        assertTrue(AvaCsv.readDetections(run.resolve("detections_val.csv")).size() > 0);
        Path checkpoint;
        try (Stream<Path> s = Files.list(run.resolve("checkpoints"))) {
            checkpoint = s.filter(p -> p.getFileName().toString().startsWith("epoch_")).sorted().reduce((a, b) -> b)
                    .orElseThrow();
        }
        // the checkpoint carries the label map it was trained with: class index 0 is action id 1, "static"
        assertEquals(MotionLabels.NAMES, DetectorCheckpoint.read(checkpoint).labels().entries().stream()
                .map(LabelMapEntry::name).toList());
        Path csv = dir.resolve("detections.csv");
        List<String> detect = new ArrayList<>(List.of("--ava", root.toString(), "--checkpoint",
                checkpoint.toString(), "--detections", csv.toString()));
        detect.addAll(List.of(net));
        assertEquals(0, CommandLines.execute(new DetectAvaCommand(), detect.toArray(String[]::new)));
        List<String> trained = rows(run.resolve("detections_val.csv"));
        List<String> detected = rows(csv);
        assertEquals(trained.size(), detected.size(), "detect-ava scores the same boxes as train-ava's detection");
        for (int i = 0; i < trained.size(); i++) {
            // same keyframe, box and action; the same score from the same weights (the CSV's printed precision)
            String[] a = trained.get(i).split(",");
            String[] b = detected.get(i).split(",");
            assertEquals(String.join(",", java.util.Arrays.copyOf(a, 7)), String.join(",",
                    java.util.Arrays.copyOf(b, 7)), "row " + i);
            assertEquals(Double.parseDouble(a[7]), Double.parseDouble(b[7]), 1e-5, "score of " + trained.get(i));
        }
    }

    /** Detection rows as text, sorted by keyframe, box and action (scores last). */
    private static List<String> rows(Path csv) throws Exception {
        List<String> out = new ArrayList<>();
        for (var r : AvaCsv.readDetections(csv)) {
            out.add(String.format(java.util.Locale.ROOT, "%s,%d,%.4f,%.4f,%.4f,%.4f,%d,%.8f",
                    r.keyframe().videoId(), r.keyframe().timestamp(), r.box().x1(), r.box().y1(), r.box().x2(),
                    r.box().y2(), r.actionId(), r.score()));
        }
        out.sort(null);
        assertTrue(out.size() > 0, csv + " has detections");
        return out;
    }

}
