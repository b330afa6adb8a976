package io.x3dava.detector.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.x3dava.annotations.ava.AvaBox;
import io.x3dava.annotations.ava.AvaGroundTruthRow;
import io.x3dava.annotations.ava.AvaProposalRow;
import io.x3dava.annotations.ava.Keyframe;
import io.x3dava.proposals.LabeledPersonBox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Frame templates, template video paths in recipes, and PySlowFast's labelled training proposals. */
class AvaDataTest {

    @Test
    void templatesFromExamplesAndFolders(@TempDir Path dir) throws Exception {
        assertEquals(Optional.of(FrameTemplate.PYSLOWFAST),
                FrameTemplate.fromExample("-5KQ66BBWC4", "-5KQ66BBWC4/-5KQ66BBWC4_000001.jpg"));
        Path v = Files.createDirectories(dir.resolve("rawframes/abc"));
        Files.writeString(v.resolve("img_00002.jpg"), "");
        Files.writeString(v.resolve("img_00001.jpg"), "");
        assertEquals(Optional.of(FrameTemplate.MMACTION2), FrameTemplate.detect(v));
        assertEquals("img_00061.jpg", FrameTemplate.MMACTION2.fileName("abc", 61));
        assertEquals(dir.resolve("rawframes/abc"), FrameTemplate.MMACTION2.folder(dir.resolve("rawframes"), "abc"));
        assertThrows(IllegalArgumentException.class, () -> new FrameTemplate("img_%05d.jpg"));
        assertThrows(IllegalArgumentException.class, () -> new FrameTemplate("{vid}/img.jpg"));
    }

    @Test
    void recipeVideoPathsHoldTheTemplate(@TempDir Path dir) {
        AvaVideos t = AvaVideos.of(dir.resolve("rawframes/{vid}/img_%05d.jpg"), 900);
        assertEquals(dir.resolve("rawframes"), t.root());
        assertEquals(FrameTemplate.MMACTION2, t.template());
        assertEquals(dir.resolve("rawframes/{vid}/img_%05d.jpg"), t.path());
        assertEquals(dir.resolve("rawframes/xyz"), t.locate("xyz"));
        AvaVideos clips = AvaVideos.of(dir.resolve("videos_15min"), 900);
        assertEquals(null, clips.template());
        assertEquals(dir.resolve("videos_15min/xyz.mp4"), clips.locate("xyz"));
        assertEquals(2.0, clips.videoSeconds(902));
    }

    @Test
    void version21FilesAreFound(@TempDir Path dir) throws Exception {
        Path ann = Files.createDirectories(dir.resolve("annotations"));
        for (String f : List.of("ava_train_v2.1.csv", "ava_val_v2.1.csv",
                "ava_action_list_v2.1_for_activitynet_2018.pbtxt", "ava_val_excluded_timestamps_v2.1.csv",
                "ava_dense_proposals_train.FAIR.recall_93.9.pkl", "ava_val_predicted_boxes.csv")) {
            Files.writeString(ann.resolve(f), "");
        }
        Files.createDirectories(dir.resolve("videos_15min"));
        AvaLayout l = AvaLayout.detect(AvaLayoutQuery.at(dir));
        assertEquals("2.1", l.version());
        assertEquals(ann.resolve("ava_action_list_v2.1_for_activitynet_2018.pbtxt"), l.labelMap());
        assertEquals(ann.resolve("ava_dense_proposals_train.FAIR.recall_93.9.pkl"), l.trainProposals());
        assertEquals(ann.resolve("ava_val_predicted_boxes.csv"), l.valProposals());
        assertEquals(AvaLayoutKind.CUT_CLIPS, l.kind());
        assertTrue(!l.describe().contains("MISSING") && l.describe().contains("absent   full label map"),
                l.describe());
        assertEquals(ann.resolve("ava_val_excluded_timestamps_v2.1.csv"), l.valExcluded());
        Path other = dir.resolve("mine.csv");
        assertEquals(other, AvaLayout.detect(AvaLayoutQuery.at(dir).withValProposals(other).withVersion("2.2"))
                .valProposals());
    }

    @Test
    void labelledProposalsKeepPySlowFastsLabelsAndNegatives() {
        Keyframe k = new Keyframe("v", 902);
        AvaBox person = new AvaBox(0.1, 0.1, 0.5, 0.9);
        AvaBox matched = new AvaBox(0.11, 0.1, 0.5, 0.9);
        AvaBox background = new AvaBox(0.6, 0.1, 0.9, 0.5);
        List<AvaGroundTruthRow> gt = List.of(new AvaGroundTruthRow(k, person, 12, 0),
                new AvaGroundTruthRow(k, person, 80, 0));
        List<AvaProposalRow> rows = List.of(new AvaProposalRow(k, matched, 12, 0.99),
                new AvaProposalRow(k, matched, 80, 0.99), new AvaProposalRow(k, background, 0, 0.95),
                new AvaProposalRow(k, new AvaBox(0, 0, 0.2, 0.2), -1, 0.5),
                new AvaProposalRow(new Keyframe("v", 1799), background, 0, 0.99),
                new AvaProposalRow(new Keyframe("w", 903), background, 0, 0.9));
        var boxes = AvaDatasets.withFileLabels(gt, rows, 0.8);
        // keyframe 1799 is outside 902..1798; a keyframe with only negatives is still trained on (as PySlowFast)
        assertEquals(Set.of(k, new Keyframe("w", 903)), boxes.keySet());
        List<LabeledPersonBox> at = boxes.get(k);
        assertEquals(3, at.size(), "the low-score negative is below the threshold");
        assertEquals(new LabeledPersonBox(person, Set.of(12, 80), true), at.get(0));
        assertEquals(new LabeledPersonBox(matched, Set.of(12, 80), false), at.get(1));
        assertEquals(new LabeledPersonBox(background, Set.of(), false), at.get(2));
        assertTrue(boxes.get(new Keyframe("w", 903)).get(0).actionIds().isEmpty());
    }
}
