package io.x3dava.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.x3dava.backbone.video.DecodedClip;
import io.x3dava.backbone.video.FrameSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlayerAndFilesTest {
    @TempDir
    Path dir;

    /** 30 frames at 30 fps, no decoding: every pixel of frame i has the value i. */
    static final class FakeSource implements FrameSource {
        public double fps() { return 30; }
        public long frameCount() { return 30; }
        public int width() { return 4; }
        public int height() { return 4; }
        public DecodedClip read(long[] idx, int shortSide) {
            byte[] rgb = new byte[idx.length * 4 * 4 * 3];
            for (int t = 0; t < idx.length; t++) {
                java.util.Arrays.fill(rgb, t * 48, (t + 1) * 48, (byte) idx[t]);
            }
            return new DecodedClip(rgb, idx.length, 4, 4);
        }
        public void close() {}
    }

    static FrameCursor fake() {
        return new FrameCursor(new FakeSource(), "fake");
    }

    static final class Recorder implements Player.Listener {
        final List<Double> times = new CopyOnWriteArrayList<>();
        final CountDownLatch stopped = new CountDownLatch(2); // started, then stopped at the end
        public void frame(VideoFrame f) { times.add(f.time()); }
        public void playingChanged(boolean p) { stopped.countDown(); }
        public void error(Exception e) { throw new AssertionError(e); }
    }

    @Test
    void playsEveryFrameInOrderAndStopsAtTheEnd() throws Exception {
        Recorder r = new Recorder();
        try (Player p = new Player(r)) {
            p.open(fake());
            p.setSpeed(4);
            p.play();
            assertTrue(r.stopped.await(10, TimeUnit.SECONDS), "playback reaches the end");
        }
        assertEquals(30, r.times.size());
        for (int i = 0; i < 30; i++) {
            assertEquals(i / 30.0, r.times.get(i), 1e-9);
        }
    }

    @Test
    void seeksAndSteps() throws Exception {
        Recorder r = new Recorder();
        try (Player p = new Player(r)) {
            p.open(fake());
            p.seek(0.5);
            p.step(1);
            p.step(-1);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (r.times.size() < 4 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        }
        assertEquals(List.of(0.0, 0.5, 16 / 30.0, 0.5), r.times);
    }

    @Test
    void droppedFilesAreRecognised() throws Exception {
        Path det = Files.writeString(dir.resolve("a.csv"), "v,0902,0.1,0.1,0.5,0.9,1,0.93\n");
        Path gt7 = Files.writeString(dir.resolve("b.csv"), "v,0902,0.1,0.1,0.5,0.9,1\n");
        Path gt8 = Files.writeString(dir.resolve("c.csv"), "\nv,0902,0.1,0.1,0.5,0.9,1,12\n");
        Path ex = Files.writeString(dir.resolve("d.csv"), "v,0902\n");
        Path map = Files.writeString(dir.resolve("m.pbtxt"), "item { name: \"x\" id: 1 }\n");
        assertEquals(DroppedFileKind.DETECTIONS, DroppedFileKind.of(det));
        assertEquals(DroppedFileKind.GROUND_TRUTH, DroppedFileKind.of(gt7));
        assertEquals(DroppedFileKind.GROUND_TRUTH, DroppedFileKind.of(gt8));
        assertEquals(DroppedFileKind.EXCLUSIONS, DroppedFileKind.of(ex));
        assertEquals(DroppedFileKind.LABEL_MAP, DroppedFileKind.of(map));
        assertEquals(DroppedFileKind.VIDEO, DroppedFileKind.of(dir));
        assertEquals(DroppedFileKind.VIDEO, DroppedFileKind.of(dir.resolve("clip.MP4")));
        assertEquals(DroppedFileKind.UNKNOWN, DroppedFileKind.of(Files.writeString(dir.resolve("n.txt"), "x")));
    }

    @Test
    void boxTableListsEveryScoreThenTheGroundTruth() {
        OverlayModel m = new OverlayModel(List.of(
                Rows.det("v", 3, OverlayQueryTest.A1, 2, 0.1), Rows.det("v", 3, OverlayQueryTest.A1, 1, 0.7)),
                List.of(Rows.gt("v", 3, OverlayQueryTest.A1, 4, 0)), OverlayQueryTest.LABELS, Set.of());
        List<BoxTableRow> rows = BoxTableRow.of(m, "v", 3, ClassFilter.all());
        assertEquals(List.of("stand", "sit", "watch"), rows.stream().map(BoxTableRow::action).toList());
        assertEquals("1", rows.get(0).box());
        assertEquals("GT 1", rows.get(2).box());
        assertTrue(Double.isNaN(rows.get(2).score()));
        // the table follows the class filter
        assertEquals(List.of("sit", "watch"), BoxTableRow.of(m, "v", 3, ClassFilter.only(Set.of(2, 4))).stream()
                .map(BoxTableRow::action).toList());
    }

    @Test
    void errorMessagesNameTheFile() {
        assertEquals("/x/y.csv: file not found",
                ErrorMessages.of(new java.util.concurrent.CompletionException(new java.nio.file.NoSuchFileException("/x/y.csv"))));
    }
}
