package io.x3dava.proposals.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.x3dava.annotations.command.CommandLines;
import io.x3dava.proposals.DetectProposalsCommand;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** detect-proposals with the built-in detector on the real video, as a user without a model file runs it. */
class DetectProposalsHogTest {

    @Test
    void hogProposalsOnRealKeyframes(@TempDir Path dir) throws Exception {
        Path video = VtestFrames.video();
        Path videos = Files.createDirectories(dir.resolve("videos"));
        Files.createSymbolicLink(videos.resolve("vtest.avi"), video.toAbsolutePath());
        Path out = dir.resolve("proposals.csv");
        int rc = CommandLines.execute(new DetectProposalsCommand(), "--videos", videos.toString(), "--keyframes",
                "1-3", "--offset", "0", "--detector", "hog", "--out", out.toString());
        assertEquals(0, rc);
        List<String> rows = Files.readAllLines(out);
        Set<String> seconds = rows.stream().map(r -> r.split(",")[1]).collect(Collectors.toSet());
        System.out.println("HOG proposals on vtest seconds 1-3: " + rows.size() + " boxes");
        assertEquals(Set.of("0001", "0002", "0003"), seconds, "people on every keyframe: " + rows);
        for (String r : rows) {
            String[] f = r.split(",", -1);
            assertEquals("vtest", f[0]);
            double score = Double.parseDouble(f[7]);
            assertTrue(score >= 0.5 && score <= 1, r);
        }
        assertEquals(2, CommandLines.execute(new DetectProposalsCommand(), "--videos", videos.toString(),
                "--detector", "hog", "--model", "x.pt", "--out", out.toString()));
    }
}
