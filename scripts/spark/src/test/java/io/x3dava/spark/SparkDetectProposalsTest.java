package io.x3dava.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.x3dava.launcher.X3dAva;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * detect-proposals --master local[2] writes the proposals file of the local run: HOG on the people of the fixture
 * video (OpenCV's vtest.avi), 4 keyframes in 2 tasks.
 */
class SparkDetectProposalsTest {

    @Test
    void localTwoWritesTheBoxesOfTheLocalRun(@TempDir Path dir) throws Exception {
        Path video = Path.of(System.getProperty("x3dava.fixtures", "../shared/fixtures"), "video", "vtest.avi");
        assumeTrue(Files.isRegularFile(video), "fixture " + video + " absent: skipped");
        Path videos = Files.createDirectories(dir.resolve("videos"));
        Files.createSymbolicLink(videos.resolve("vtest.avi"), video.toAbsolutePath());
        Path local = dir.resolve("local.csv");
        Path spark = dir.resolve("spark.csv");
        String[] common = {"detect-proposals", "--videos", videos.toString(), "--keyframes", "1-4", "--offset", "0",
            "--detector", "hog"};
        assertEquals(0, X3dAva.run(concat(common, "--out", local.toString())));
        assertEquals(0, X3dAva.run(concat(common, "--out", spark.toString(), "--master", "local[2]",
                "--task-keyframes", "2")));
        List<String> a = Files.readAllLines(local);
        assertEquals(4, a.stream().map(r -> r.split(",")[1]).distinct().count(), "people on every keyframe: " + a);
        assertTrue(a.size() >= 4, a.toString());
        assertEquals(a, Files.readAllLines(spark));
    }

    private static String[] concat(String[] a, String... b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }
}
