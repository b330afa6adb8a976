package io.x3dava.backbone.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.x3dava.annotations.charades.CharadesAction;
import io.x3dava.annotations.charades.FrameListEntry;
import io.x3dava.annotations.charades.FrameLists;
import io.x3dava.annotations.kinetics.RawframeList;
import io.x3dava.backbone.train.SeededSample;
import io.x3dava.backbone.video.ClipRequest;
import io.x3dava.backbone.video.ClipSpec;
import io.x3dava.backbone.video.DecodedClip;
import io.x3dava.backbone.video.FrameSource;
import io.x3dava.backbone.video.LoadedClip;
import io.x3dava.backbone.video.MissingFrameException;
import io.x3dava.backbone.video.MissingFramePolicy;
import io.x3dava.backbone.video.Placement;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClipDatasetsTest {

    private static final int CLASSES = 10;

    /** The classes set in a multi-hot vector. */
    private static Set<Integer> set(boolean[] multiHot) {
        Set<Integer> out = new TreeSet<>();
        for (int c = 0; c < multiHot.length; c++) {
            if (multiHot[c]) {
                out.add(c);
            }
        }
        return out;
    }

    /** Targets of a training clip over these frames, as ClipBatches computes them. */
    private static Set<Integer> targets(VideoSample s, long... frames) {
        LoadedClip c = new LoadedClip(0, new ClipRequest(s.video(), new ClipSpec(frames.length, 1),
                new Placement.Uniform(0, 1), 0, new SeededSample<>(s, 0)), new DecodedClip(new byte[0], 0, 0, 0),
                frames, 24, 1, 1);
        return set(ClipBatches.labels(c, CLASSES));
    }

    /**
     * The table: class 5 on frames 10-12, class 7 on 30-60, class 2 on even frames. PySlowFast's charades.py
     * labels a clip with the union over every frame from its first to its last sampled frame (hand-computed:
     * 0..72 holds 2, 5 and 7; 9..15 holds 10 and 12, both even and in 10-12, so 2 and 5). The union over the sampled
     * frames alone would give {2, 7} and {5}.
     */
    @Test
    void charadesFrameListClipLabelsAreTheUnionOverTheSampledRange(@TempDir Path dir) throws Exception {
        List<FrameListEntry> rows = new ArrayList<>();
        for (int f = 0; f < 80; f++) {
            List<Integer> labels = new ArrayList<>();
            if (f % 2 == 0) {
                labels.add(2);
            }
            if (f >= 10 && f <= 12) {
                labels.add(5);
            }
            if (f >= 30 && f <= 60) {
                labels.add(7);
            }
            rows.add(new FrameListEntry("A", 0, f, String.format("A/A-%06d.jpg", f + 1), labels));
        }
        rows.add(new FrameListEntry("B", 1, 0, "B/B-000001.jpg", List.of()));
        Path list = dir.resolve("train.csv");
        FrameLists.write(list, rows);
        List<VideoSample> s = ClipDatasets.charadesFrameLists(list, dir.resolve("frames"));
        assertEquals(2, s.size());
        VideoSample a = s.get(0);
        assertEquals(dir.resolve("frames/A"), a.video());
        assertEquals(80, a.frameCount());
        assertEquals("A-%06d.jpg", a.frames().pattern());

        assertEquals(Set.of(2, 5, 7), targets(a, 0, 24, 48, 72));
        assertEquals(Set.of(2, 5), targets(a, 9, 11, 13, 15));
        // a clip clamped at the end of the video (frames 70..79 repeated): 70..79 holds even frames only
        assertEquals(Set.of(2), targets(a, 70, 76, 79, 79));
        assertEquals(Set.of(2, 5, 7), set(a.videoLabels(CLASSES)));
        assertEquals(Set.of(), targets(s.get(1), 0, 0, 0, 0));
    }

    /** The official CSVs give time intervals: a clip carries the actions whose interval holds a sampled frame. */
    @Test
    void officialCsvActionsKeepTheirTimeIntervals() {
        VideoSample v = VideoSample.multiLabel("V", Path.of("V.mp4"), List.of(new CharadesAction(3, 0.0, 0.5),
                new CharadesAction(7, 0.4, 1.0), new CharadesAction(4, 0.55, 0.6)));
        assertNull(v.frameLabels());
        // frames 0 and 12 at 24 fps: 0 s and 0.5 s (both in class 3's interval, 0.5 in class 7's); 13 is 0.54 s
        assertEquals(Set.of(3, 7), targets(v, 0, 12));
        // 4 (0.55-0.6 s) lies between frames 13 (0.542 s) and 15 (0.625 s): no sampled frame in it
        assertEquals(Set.of(7), targets(v, 13, 15));
    }

    /** MMAction2's rawframe list gives each folder's length: a missing last frame is a gap, not a shorter video. */
    @Test
    void rawframeListCountsMakeAMissingLastFrameAGap(@TempDir Path dir) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("videos/abseiling/clip1"));
        BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_3BYTE_BGR);
        for (int f = 1; f <= 9; f++) { // the list says 10: img_00010.jpg is missing
            ImageIO.write(img, "jpg", folder.resolve(String.format("img_%05d.jpg", f)).toFile());
        }
        Path list = dir.resolve("train.csv");
        Files.writeString(list, "abseiling/clip1 10 0\n");
        assertEquals(true, RawframeList.looksLike(list));
        List<VideoSample> s = ClipDatasets.rawframes(list, dir.resolve("videos"));
        assertEquals(folder, s.get(0).video());
        assertEquals(10, s.get(0).frameCount());
        try (FrameSource src = ClassificationRun.opener(s, MissingFramePolicy.FAIL).open(folder)) {
            assertEquals(10, src.frameCount());
            MissingFrameException e = assertThrows(MissingFrameException.class, () -> src.read(new long[] {9}, 0));
            assertEquals(List.of(folder.resolve("img_00010.jpg")), e.frames());
        }
    }
}
