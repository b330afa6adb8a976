package io.x3dava.backbone.video;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A frame missing from a frame folder (deleted from PySlowFast's or Charades' layout, in the middle, at the start or
 * at the end) is a gap that is named, never the silent end or shift of the video.
 */
class FrameGapsTest {
    @TempDir
    Path dir;

    /** Frames 1..n of {@code pattern} in {@code folder}, frame k (0-based) a colour encoding k. */
    private static Path frames(Path folder, String pattern, int n) throws IOException {
        Files.createDirectories(folder);
        BufferedImage img = new BufferedImage(16, 12, BufferedImage.TYPE_3BYTE_BGR);
        for (int k = 0; k < n; k++) {
            int[] c = IndexVideos.colour(k);
            Graphics2D g = img.createGraphics();
            g.setColor(new Color(c[0], c[1], c[2]));
            g.fillRect(0, 0, 16, 12);
            g.dispose();
            ImageIO.write(img, "jpg", folder.resolve(String.format(pattern, k + 1)).toFile());
        }
        return folder;
    }

    /** Which source frame each output frame shows. */
    private static List<Long> shown(DecodedClip c) {
        List<Long> out = new ArrayList<>();
        for (int t = 0; t < c.frames(); t++) {
            out.add(IndexVideos.index(c.meanChannel(t, 0), c.meanChannel(t, 1), c.meanChannel(t, 2)));
        }
        return out;
    }

    @Test
    void aGapInTheMiddleIsNamedAndKeepsTheFramesAfterItInPlace() throws IOException {
        Path v = frames(dir.resolve("frames/vid"), "vid_%06d.jpg", 12);
        Files.delete(v.resolve("vid_000006.jpg"));
        try (FrameSource src = FrameSources.open(v)) {
            // before: the count stopped at the gap (5 frames) and every clip after it was clamped to frame 4
            assertEquals(12, src.frameCount());
            assertEquals(List.of(0L, 3L, 10L, 11L), shown(src.read(new long[] {0, 3, 10, 11}, 0)));
            MissingFrameException e = assertThrows(MissingFrameException.class,
                    () -> src.read(new long[] {3, 5, 7}, 0));
            assertEquals(List.of(v.resolve("vid_000006.jpg")), e.frames());
            assertTrue(e.getMessage().contains("vid_000006.jpg") && e.getMessage().contains("missing"),
                    e.getMessage());
        }
        try (FrameSource src = FrameSources.open(v, MissingFramePolicy.REPEAT_NEAREST)) {
            // frame 5 is missing: 4 and 6 are equally near, the earlier one stands in
            assertEquals(List.of(3L, 4L, 7L), shown(src.read(new long[] {3, 5, 7}, 0)));
        }
    }

    @Test
    void aGapAtTheStartIsNotAShift() throws IOException {
        Path v = frames(dir.resolve("ABC12"), "ABC12-%06d.jpg", 8);
        Files.delete(v.resolve("ABC12-000001.jpg"));
        try (FrameSource src = FrameSources.open(v)) {
            assertEquals(FrameFolderSource.CHARADES_FPS, src.fps());
            assertEquals(8, src.frameCount());
            assertEquals(List.of(1L, 7L), shown(src.read(new long[] {1, 7}, 0)));
            // index -3 is clamped to frame 0 as PySlowFast clamps; frame 0 is the gap
            MissingFrameException e = assertThrows(MissingFrameException.class, () -> src.read(new long[] {-3, 2}, 0));
            assertEquals(List.of(v.resolve("ABC12-000001.jpg")), e.frames());
        }
        try (FrameSource src = FrameSources.open(v, MissingFramePolicy.REPEAT_NEAREST)) {
            assertEquals(List.of(1L, 1L, 2L), shown(src.read(new long[] {-3, 0, 2}, 0)));
        }
    }

    @Test
    void aGapAtTheEndIsFoundWhenAListGivesTheCount() throws IOException {
        Path v = frames(dir.resolve("rawframes/clip"), "img_%05d.jpg", 10);
        Files.delete(v.resolve("img_00010.jpg"));
        // MMAction2's rawframe list says 10 frames: the tenth is a gap
        try (FrameSource src = FrameSources.open(v, MissingFramePolicy.FAIL, 10)) {
            assertEquals(10, src.frameCount());
            MissingFrameException e = assertThrows(MissingFrameException.class, () -> src.read(new long[] {8, 9, 12},
                    0));
            assertEquals(List.of(v.resolve("img_00010.jpg")), e.frames());
        }
        // without a count nothing can tell a missing last frame from a shorter video: clamping at the end applies
        try (FrameSource src = FrameSources.open(v)) {
            assertEquals(9, src.frameCount());
            assertEquals(List.of(8L, 8L), shown(src.read(new long[] {8, 12}, 0)));
        }
    }

    @Test
    void aFrameListIsFollowedRowByRow() throws IOException {
        Path root = dir.resolve("frames");
        Path v = frames(root.resolve("X"), "X-%06d.jpg", 6);
        // rows 0..5 name files 1..6: regular, kept as a pattern; a sixth row names file 7, which is not there
        List<String> rows = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            rows.add(String.format("X/X-%06d.jpg", i));
        }
        ListedFrames regular = ListedFrames.of(root, rows);
        assertEquals("X-%06d.jpg", regular.pattern());
        assertTrue(regular.paths().isEmpty());
        try (FrameFolderSource src = regular.open(24, MissingFramePolicy.FAIL)) {
            assertEquals(7, src.frameCount());
            assertEquals(List.of(v.resolve("X-000007.jpg")), src.missingFrames());
        }
        // a list that skips file 3 (row 2 is file 4): rows, not file numbers, are the frames
        List<String> skipping = List.of("X/X-000001.jpg", "X/X-000002.jpg", "X/X-000004.jpg", "X/X-000005.jpg");
        ListedFrames listed = ListedFrames.of(root, skipping);
        assertNull(listed.pattern());
        try (FrameFolderSource src = listed.open(24, MissingFramePolicy.FAIL)) {
            assertEquals(4, src.frameCount());
            assertEquals(List.of(0L, 3L, 4L), shown(src.read(new long[] {0, 2, 3}, 0)));
        }
    }

    @Test
    void aSequenceFailsOnlyTheWindowsThatNeedTheGap() throws IOException {
        Path v = frames(dir.resolve("frames/seq"), "seq_%06d.jpg", 20);
        Files.delete(v.resolve("seq_000011.jpg"));
        List<long[]> windows = List.of(new long[] {0, 2, 4}, new long[] {8, 10, 12}, new long[] {14, 16, 18});
        try (FrameSource src = FrameSources.open(v); ClipSequence seq = src.sequence(windows, 0)) {
            assertEquals(List.of(0L, 2L, 4L), shown(seq.next()));
            MissingFrameException e = assertThrows(MissingFrameException.class, seq::next);
            assertEquals(List.of(v.resolve("seq_000011.jpg")), e.frames());
            assertEquals(List.of(14L, 16L, 18L), shown(seq.next()));
        }
        try (FrameSource src = FrameSources.open(v, MissingFramePolicy.REPEAT_NEAREST);
             ClipSequence seq = src.sequence(windows, 0)) {
            seq.next();
            assertEquals(List.of(8L, 9L, 12L), shown(seq.next()));
        }
    }

    @Test
    void anUndecodableFrameIsPaddedLikeAMissingOne() throws IOException {
        Path v = frames(dir.resolve("frames/bad"), "bad_%06d.jpg", 6);
        Files.write(v.resolve("bad_000003.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2});
        try (FrameSource src = FrameSources.open(v, MissingFramePolicy.REPEAT_NEAREST)) {
            assertEquals(List.of(1L, 1L, 3L), shown(src.read(new long[] {1, 2, 3}, 0)));
        }
    }

    @Test
    void loadersCountClipsWithGapsApartFromUnreadableVideos() throws IOException {
        Path a = frames(dir.resolve("frames/a"), "a_%06d.jpg", 30);
        Path b = frames(dir.resolve("frames/b"), "b_%06d.jpg", 30);
        Files.delete(a.resolve("a_000016.jpg"));
        Files.delete(b.resolve("b_000001.jpg"));
        ClipSpec spec = new ClipSpec(4, 2);
        List<ClipRequest> requests = new ArrayList<>();
        for (Path p : List.of(a, b, a, dir.resolve("frames/gone"))) {
            // centred on frame 15 (0.5 s at 30 fps): frames 11, 13, 15, 17
            requests.add(new ClipRequest(p, spec, new Placement.Centered(0.5), 0));
        }
        requests.add(new ClipRequest(b, spec, new Placement.Centered(0.5), 0));
        for (ClipStream loader : List.of(new ClipLoader(requests, 2), new SequentialClipLoader(requests, 2))) {
            try (loader) {
                assertEquals(List.of(1, 4), loader.toList().stream().map(LoadedClip::position).toList());
                assertEquals(3, loader.skippedCount());
                MissingFrames m = loader.missingFrameTally().snapshot();
                assertEquals(2, m.clips());
                assertEquals(1, m.videos());
                assertEquals(List.of(a.resolve("a_000016.jpg").toString()), m.examples());
                assertEquals("2 clips skipped: missing frames in 1 video (" + a.resolve("a_000016.jpg") + ")",
                        m.summary("clips"));
            }
        }
    }
}
