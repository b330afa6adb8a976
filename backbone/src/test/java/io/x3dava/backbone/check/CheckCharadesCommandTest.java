package io.x3dava.backbone.check;

import io.x3dava.annotations.charades.CharadesClasses;
import io.x3dava.annotations.charades.FrameListEntry;
import io.x3dava.annotations.charades.FrameLists;
import io.x3dava.annotations.command.CommandLines;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** check-charades on PySlowFast's Charades layout with gaps at the start, in the middle and at the end. */
class CheckCharadesCommandTest {
    @TempDir
    Path dir;

    private record Run(int code, String out) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream old = System.out;
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            int code = CommandLines.execute(new CheckCharadesCommand(), args);
            return new Run(code, bytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(old);
        }
    }

    /** {@code frames/<id>/<id>-%06d.jpg} and the list rows of a video of n frames, labels on its even frames. */
    private static void video(Path root, String id, int index, int n, int label, List<FrameListEntry> rows)
            throws IOException {
        Path folder = Files.createDirectories(root.resolve("frames").resolve(id));
        BufferedImage img = new BufferedImage(8, 6, BufferedImage.TYPE_3BYTE_BGR);
        for (int f = 0; f < n; f++) {
            String rel = String.format("%s/%s-%06d.jpg", id, id, f + 1);
            ImageIO.write(img, "jpg", folder.resolve(rel.substring(rel.indexOf('/') + 1)).toFile());
            rows.add(new FrameListEntry(id, index, f, rel, f % 2 == 0 ? List.of(label) : List.of()));
        }
    }

    private Path charades() throws IOException {
        Path root = dir.resolve("charades");
        new CharadesClasses(List.of("a", "b", "c", "d", "e")).write(root.resolve("Charades_v1_classes.txt"));
        List<FrameListEntry> train = new ArrayList<>();
        video(root, "AAAAA", 0, 12, 1, train);
        video(root, "BBBBB", 1, 10, 2, train);
        List<FrameListEntry> val = new ArrayList<>();
        video(root, "CCCCC", 0, 8, 3, val);
        FrameLists.write(root.resolve("frame_lists/train.csv"), train);
        FrameLists.write(root.resolve("frame_lists/val.csv"), val);
        return root;
    }

    @Test
    void aCleanFolderPasses() throws IOException {
        Path root = charades();
        Run r = run("--data", root.toString(), "--json", dir.resolve("check.json").toString());
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("no problems found"), r.out());
        assertTrue(r.out().matches("(?s).*frames missing / listed\\s+0 / 22\\s+0 / 8.*"), r.out());
        assertTrue(Files.readString(dir.resolve("check.json")).matches("(?s).*\"framesListed\"\\s*:\\s*22\\b.*"));
    }

    @Test
    void gapsMissingVideosUndecodableFramesAndUnknownLabelsAreProblems() throws IOException {
        Path root = charades();
        Path a = root.resolve("frames/AAAAA");
        Path b = root.resolve("frames/BBBBB");
        Files.delete(a.resolve("AAAAA-000006.jpg"));   // middle
        Files.delete(b.resolve("BBBBB-000001.jpg"));   // start
        Files.delete(b.resolve("BBBBB-000010.jpg"));   // end: only the list knows it is missing
        Files.write(root.resolve("frames/CCCCC/CCCCC-000003.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, 0, 0});
        // a video listed but never extracted, and a label outside the 5 classes
        List<FrameListEntry> val = new ArrayList<>(FrameLists.read(root.resolve("frame_lists/val.csv")));
        val.add(new FrameListEntry("DDDDD", 1, 0, "DDDDD/DDDDD-000001.jpg", List.of(7)));
        FrameLists.write(root.resolve("frame_lists/val.csv"), val);

        Run r = run("--data", root.toString());
        assertEquals(1, r.code(), r.out());
        assertTrue(r.out().matches("(?s).*frames missing / listed\\s+3 / 22\\s+0 / 8.*"), r.out());
        assertTrue(r.out().matches("(?s).*videos present / listed\\s+2 / 2\\s+1 / 2.*"), r.out());
        assertTrue(r.out().matches("(?s).*frames undecodable / decoded\\s+0 / 19\\s+1 / 8.*"), r.out());
        assertTrue(r.out().matches("(?s).*labels outside the 5 classes\\s+0\\s+1.*"), r.out());
        assertTrue(r.out().contains("2 of 2 videos miss 3 frames the list names (AAAAA: 1 of 12 frames missing, "
                + "first " + a.resolve("AAAAA-000006.jpg") + "; BBBBB: 2 of 10 frames missing, first "
                + b.resolve("BBBBB-000001.jpg") + ")"), r.out());
        assertTrue(r.out().contains("1 of 2 videos listed are not on disk (DDDDD"), r.out());
        assertTrue(r.out().contains(root.resolve("frames/CCCCC/CCCCC-000003.jpg") + ": "), r.out());
        assertTrue(r.out().contains("video DDDDD, row 0 of the video: label 7"), r.out());
    }

    @Test
    void withoutAClassListTheInputIsUnreadable() {
        assertEquals(2, run("--data", dir.toString()).code());
    }
}
