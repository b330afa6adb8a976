package io.x3dava.backbone.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.x3dava.annotations.charades.FrameListEntry;
import io.x3dava.annotations.charades.FrameLists;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClipDatasetsTest {

    @Test
    void charadesFrameListsBecomeTimedActions(@TempDir Path dir) throws Exception {
        // Video A, 48 frames at 24 fps: class 3 on frames 0..23, class 7 on frames 12..47; video B: no label.
        List<FrameListEntry> rows = new ArrayList<>();
        for (int f = 0; f < 48; f++) {
            List<Integer> labels = new ArrayList<>();
            if (f < 24) {
                labels.add(3);
            }
            if (f >= 12) {
                labels.add(7);
            }
            rows.add(new FrameListEntry("A", 0, f, String.format("A/A-%06d.jpg", f + 1), labels));
        }
        rows.add(new FrameListEntry("B", 1, 0, "B/B-000001.jpg", List.of()));
        Path list = dir.resolve("train.csv");
        FrameLists.write(list, rows);
        List<VideoSample> s = ClipDatasets.charadesFrameLists(list, dir.resolve("frames"), 24);
        assertEquals(2, s.size());
        assertEquals(dir.resolve("frames/A"), s.get(0).video());
        assertEquals(2, s.get(0).actions().size());
        // A clip over seconds 0.1..0.4 carries class 3 only; over 1.2..1.9 class 7 only; frames at 0.6 carry both.
        boolean[] early = s.get(0).labelsAt(new double[] {0.1, 0.4}, 10);
        boolean[] late = s.get(0).labelsAt(new double[] {1.2, 1.9}, 10);
        boolean[] both = s.get(0).labelsAt(new double[] {0.6}, 10);
        assertArrayEquals(new boolean[] {false, false, false, true, false, false, false, false, false, false}, early);
        assertArrayEquals(new boolean[] {false, false, false, false, false, false, false, true, false, false}, late);
        assertEquals(true, both[3] && both[7]);
        assertEquals(0, s.get(1).actions().size());
    }
}
