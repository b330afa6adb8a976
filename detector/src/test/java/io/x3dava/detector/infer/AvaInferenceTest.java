package io.x3dava.detector.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.x3dava.annotations.ava.AvaBox;
import io.x3dava.annotations.ava.AvaCsv;
import io.x3dava.annotations.ava.AvaDetectionRow;
import io.x3dava.annotations.ava.Keyframe;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AvaInferenceTest {

    @Test
    void rowsCarryVideoSecondBoxActionIdAndTheScoreOfClassIdMinusOne(@TempDir Path dir) throws Exception {
        int classes = 80;
        float[] p = new float[2 * classes];
        for (int i = 0; i < p.length; i++) {
            p[i] = i / 1000f;
        }
        List<AvaDetectionRow> rows = new ArrayList<>();
        AvaBox box = new AvaBox(0.125, 0.25, 0.5, 0.75);
        // The second box of the batch (offset 80); id 81 is beyond the network's outputs and is not written.
        AvaInference.rows(new Keyframe("-5KQ66BBWC4", 902), box, p, classes, classes, List.of(1, 12, 80, 81), rows);
        assertEquals(3, rows.size());
        Path csv = dir.resolve("d.csv");
        AvaCsv.writeDetections(csv, rows);
        List<String> lines = Files.readAllLines(csv);
        assertEquals(3, lines.size());
        int[] ids = {1, 12, 80};
        for (int i = 0; i < 3; i++) {
            String[] f = lines.get(i).split(",");
            assertEquals(8, f.length, lines.get(i));
            assertEquals("-5KQ66BBWC4", f[0]);
            assertEquals(902, Integer.parseInt(f[1]));
            assertEquals(0.125, Double.parseDouble(f[2]), 1e-3);
            assertEquals(0.25, Double.parseDouble(f[3]), 1e-3);
            assertEquals(0.5, Double.parseDouble(f[4]), 1e-3);
            assertEquals(0.75, Double.parseDouble(f[5]), 1e-3);
            assertEquals(ids[i], Integer.parseInt(f[6]));
            assertEquals((classes + ids[i] - 1) / 1000.0, Double.parseDouble(f[7]), 1e-5, "score of class id - 1");
        }
    }
}
