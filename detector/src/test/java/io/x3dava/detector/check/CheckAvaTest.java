package io.x3dava.detector.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.x3dava.annotations.ava.AvaBox;
import io.x3dava.annotations.ava.AvaCsv;
import io.x3dava.annotations.ava.AvaProposalRow;
import io.x3dava.annotations.command.CommandLines;
import io.x3dava.detector.data.AvaLayout;
import io.x3dava.detector.data.AvaLayoutKind;
import io.x3dava.detector.data.AvaLayoutQuery;
import io.x3dava.detector.synthetic.SyntheticAvaLayouts;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * check-ava on a PySlowFast-layout folder with the faults real extractions have: a frame missing inside a keyframe
 * window, a corrupt JPEG inside another, a ground-truth video without frames, proposals that miss the people.
 */
class CheckAvaTest {
    @TempDir
    static Path dir;
    static Path root;

    @BeforeAll
    static void generate() throws Exception {
        root = SyntheticAvaLayouts.write(dir.resolve("ava"), AvaLayoutKind.PYSLOWFAST, 1, 3, 2, 3, 32, 9);
    }

    /** X3D-XS: 4 frames every 12 around keyframe 902 (frame index 60) = files 37, 49, 61, 73. */
    private static Path frame(Path ava, String vid, int number) {
        return ava.resolve(String.format("frames/%s/%s_%06d.jpg", vid, vid, number));
    }

    @Test
    void healthyFolderHasNoProblems() throws Exception {
        AvaCheckReport r = new AvaCheck(AvaLayout.detect(AvaLayoutQuery.at(root)), AvaCheckConfig.defaults()).run();
        assertTrue(r.fine(), String.join("\n", r.problems()));
        AvaCheckReport.Split val = r.splits().get(1);
        assertEquals(3, val.videosPresent());
        assertEquals(9, val.windows());
        assertEquals(9, val.windowsDecoded());
        assertEquals(1.0, val.proposals().recall50());
        assertEquals(180, val.videos().get(0).expected());
        assertEquals("frame list", val.videos().get(0).source());
    }

    @Test
    void findsMissingCorruptAbsentFramesAndLowRecall(@TempDir Path work) throws Exception {
        Path ava = copy(root, work.resolve("ava"));
        Files.delete(frame(ava, "syn_ava_v001", 61));
        Files.write(frame(ava, "syn_ava_v002", 49), new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3, 4, 5});
        Path gone = ava.resolve("frames/syn_ava_v003");
        try (var s = Files.list(gone)) {
            for (Path p : s.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(gone);
        Path valProposals = ava.resolve("annotations/person_box_67091280_iou90/ava_detection_val_boxes_and_labels.csv");
        List<AvaProposalRow> off = AvaCsv.readProposals(valProposals).stream()
                .map(p -> new AvaProposalRow(p.keyframe(), new AvaBox(0, 0, 0.05, 0.05), p.actionId(), p.score()))
                .distinct().toList();
        AvaCsv.writeProposals(valProposals, off);

        AvaCheckReport r = new AvaCheck(AvaLayout.detect(AvaLayoutQuery.at(ava)), AvaCheckConfig.defaults()).run();
        String all = String.join("\n", r.problems());
        AvaCheckReport.Split val = r.splits().get(1);
        assertTrue(r.splits().get(0).windowsIncomplete() == 0 && r.splits().get(0).windowsUndecodable() == 0, all);
        // the missing file: v001's window of 902, and its frame count
        assertEquals(1, val.windowsIncomplete(), all);
        assertTrue(all.contains("syn_ava_v001,0902"), all);
        assertTrue(all.contains("syn_ava_v001: 179 of 180 (frame list), 1 missing inside"), all);
        // the corrupt JPEG: v002's window of 902 only
        assertEquals(1, val.windowsUndecodable(), all);
        assertTrue(all.contains("syn_ava_v002,0902: ") && all.contains("syn_ava_v002_000049.jpg"), all);
        // the video without frames, which has ground truth
        assertEquals(2, val.videosPresent());
        assertTrue(all.contains("val: 1 of 3 videos have no frames (syn_ava_v003 (has ground truth))"), all);
        // proposals that find nobody
        assertEquals(0.0, val.proposals().recall50());
        assertTrue(all.contains("val: proposals above 0.80 find 0.0% of the ground-truth boxes"), all);
        assertEquals(5, r.problems().size(), all);

        Path json = work.resolve("check.json");
        assertEquals(1, CommandLines.execute(new CheckAvaCommand(), "--ava", ava.toString(), "--json",
                json.toString()));
        assertTrue(Files.readString(json).contains("\"windowsUndecodable\" : 1"), Files.readString(json));
    }

    @Test
    void unreadableInputIsExitTwo(@TempDir Path work) throws Exception {
        Path ava = copy(root, work.resolve("ava"));
        Files.writeString(ava.resolve("annotations/ava_val_v2.2.csv"), "syn_ava_v001,0902,0.1,0.1,2.0,0.5,1,0\n");
        assertEquals(2, CommandLines.execute(new CheckAvaCommand(), "--ava", ava.toString()));
        assertEquals(2, CommandLines.execute(new CheckAvaCommand(), "--ava", work.resolve("nowhere").toString()));
    }

    private static Path copy(Path from, Path to) throws Exception {
        try (var s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
        return to;
    }
}
