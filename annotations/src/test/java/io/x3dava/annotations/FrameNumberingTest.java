package io.x3dava.annotations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.x3dava.annotations.kinetics.RawframeList;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Frame-list rows checked against the numbering their first row starts; MMAction2's rawframe lists. */
class FrameNumberingTest {

    @Test
    void rowsFollowTheFirstRowsNumbering() {
        FrameNumbering n = FrameNumbering.of("-5KQ66BBWC4/-5KQ66BBWC4_000001.jpg").orElseThrow();
        assertEquals(new FrameNumbering("-5KQ66BBWC4/-5KQ66BBWC4_", 6, ".jpg", 1), n);
        assertTrue(n.names("-5KQ66BBWC4/-5KQ66BBWC4_027030.jpg", 27029));
        assertFalse(n.names("-5KQ66BBWC4/-5KQ66BBWC4_027031.jpg", 27029), "row 27029 is file 27030");
        assertFalse(n.names("-5KQ66BBWC4/-5KQ66BBWC4_27030.jpg", 27029), "width 6");
        assertFalse(n.names("-5KQ66BBWC4/other_027030.jpg", 27029));
        assertEquals("-5KQ66BBWC4_%06d.jpg", n.filePattern());
        assertEquals("-5KQ66BBWC4", n.folder());
        assertEquals("-5KQ66BBWC4/-5KQ66BBWC4_000012.jpg", n.path(11));
        // unpadded numbers from 0, and a prefix with digits in the folder (only the file's digits count)
        FrameNumbering m = FrameNumbering.of("vid42/frame0.png").orElseThrow();
        assertEquals(new FrameNumbering("vid42/frame", 0, ".png", 0), m);
        assertTrue(m.names("vid42/frame123.png", 123));
        assertEquals("frame%d.png", m.filePattern());
        assertEquals(Optional.empty(), FrameNumbering.of("vid/cover.jpg"));
    }

    @Test
    void namesWithoutFolderOrExtensionAndTheDigitLimit() {
        FrameNumbering bare = FrameNumbering.of("0012.jpg").orElseThrow();
        assertEquals("0015.jpg", bare.path(3));
        assertEquals("", bare.folder());
        FrameNumbering digitsOnly = FrameNumbering.of("000123").orElseThrow();
        assertEquals("000124", digitsOnly.path(1));
        FrameNumbering unpadded = FrameNumbering.of("img12.jpg").orElseThrow();
        assertEquals("img15.jpg", unpadded.path(3));
        assertEquals("img%d.jpg", unpadded.filePattern());
        String eighteen = "1".repeat(18);
        assertEquals("x_" + eighteen + ".jpg", FrameNumbering.of("x_" + eighteen + ".jpg").orElseThrow().path(0));
        assertEquals(Optional.empty(), FrameNumbering.of("x_" + eighteen + "1.jpg"), "19 digits do not fit a long");
    }

    @Test
    void namesComparesPrefixEveryDigitAndSuffix() {
        FrameNumbering n = FrameNumbering.of("v/vid_000123.jpg").orElseThrow();
        assertTrue(n.names("v/vid_000123.jpg", 0));
        assertTrue(n.names("v/vid_000125.jpg", 2));
        assertFalse(n.names("v/vid_100123.jpg", 0), "the leading digit");
        assertFalse(n.names("v/vid_000124.jpg", 0), "the last digit");
        assertFalse(n.names("v/vix_000123.jpg", 0), "the prefix");
        assertFalse(n.names("v/vid_000123.png", 0), "the suffix");
        assertFalse(n.names("v/vid_0000123.jpg", 0), "the length");
        // a path inside a longer line: only [from, to) counts
        String line = "row 17 v/vid_000124.jpg 5";
        int from = line.indexOf('v');
        assertTrue(n.names(line, from, from + "v/vid_000124.jpg".length(), 1));
        assertFalse(n.names(line, from, from + "v/vid_000124.jpg".length(), 0));
    }

    @Test
    void rawframeListsGiveFolderCountAndLabel(@TempDir Path dir) throws Exception {
        Path list = dir.resolve("kinetics400_train_list_rawframes.txt");
        Files.writeString(list, "abseiling/a_000001_000011 300 0\nzumba/b 250 399\n");
        assertTrue(RawframeList.looksLike(list));
        assertEquals(List.of(new RawframeList.Entry("abseiling/a_000001_000011", 300, 0),
                new RawframeList.Entry("zumba/b", 250, 399)), RawframeList.read(list));
        Path pathLabel = dir.resolve("train.csv");
        Files.writeString(pathLabel, "abseiling/a.mp4 0\n");
        assertFalse(RawframeList.looksLike(pathLabel));
        Files.writeString(list, "abseiling/a 0 3\n");
        AnnotationFormatException e = org.junit.jupiter.api.Assertions.assertThrows(AnnotationFormatException.class,
                () -> RawframeList.read(list));
        assertTrue(e.getMessage().contains(":1:"), e.getMessage());
    }
}
