package io.x3dava.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.x3dava.launcher.X3dAva;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** detect-ava --master local[2] writes the rows, the JSON and the mAP of the local run. */
class SparkDetectAvaTest {

    @TempDir
    static Path dir;
    static TinyAva ava;

    @BeforeAll
    static void data() throws Exception {
        ava = TinyAva.write(dir, 2, 5);
    }

    private static String[] detect(Path csv, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("detect-ava", "--ava", ava.root().toString(),
                "--checkpoint", ava.checkpoint().toString(), "--detections", csv.toString(), "--json",
                csv.resolveSibling(csv.getFileName() + ".json").toString(), "--batch", "3", "--test-flip"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void localTwoWritesTheRowsAndTheMapOfTheLocalRun() throws Exception {
        Path local = dir.resolve("local.csv");
        Path spark = dir.resolve("spark.csv");
        assertEquals(0, X3dAva.run(detect(local, "--workers", "2")));
        // 2 videos x 5 keyframes in tasks of at most 2 keyframes: 6 tasks, two running at a time
        assertEquals(0, X3dAva.run(detect(spark, "--master", "local[2]", "--task-keyframes", "2")));
        for (Path[] pair : new Path[][] {{local, spark}, {noflip(local), noflip(spark)}}) {
            List<String> a = Files.readAllLines(pair[0]);
            List<String> b = Files.readAllLines(pair[1]);
            assertEquals(a.size(), b.size(), "row count of " + pair[1]);
            assertTrue(a.size() >= 2 * 5 * 2 * 4, "every keyframe's boxes x 4 classes: " + a.size());
            assertEquals(a.size(), new HashSet<>(b).size() + duplicates(a), "no row twice");
            HashSet<Double> scores = new HashSet<>();
            for (int i = 0; i < a.size(); i++) {
                String[] x = a.get(i).split(",");
                String[] y = b.get(i).split(",");
                for (int c = 0; c < 7; c++) {
                    assertEquals(x[c], y[c], "row " + i + " of " + pair[1]);
                }
                double sx = Double.parseDouble(x[7]);
                assertEquals(sx, Double.parseDouble(y[7]), 1e-6, "score of row " + i + " of " + pair[1]);
                scores.add(sx);
            }
            assertTrue(scores.size() > a.size() / 2, "scores differ from row to row: " + scores.size());
        }
        String jl = Files.readString(dir.resolve("local.csv.json"));
        String js = Files.readString(dir.resolve("spark.csv.json"));
        assertEquals(jl, js, "the same evaluation");
    }

    private static Path noflip(Path csv) {
        return csv.resolveSibling(csv.getFileName().toString().replace(".csv", "_noflip.csv"));
    }

    private static int duplicates(List<String> rows) {
        return rows.size() - new HashSet<>(rows).size();
    }
}
