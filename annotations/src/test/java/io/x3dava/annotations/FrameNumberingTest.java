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
