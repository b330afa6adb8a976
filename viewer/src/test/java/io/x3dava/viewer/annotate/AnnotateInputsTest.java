package io.x3dava.viewer.annotate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.x3dava.annotations.AnnotationFormatException;
import io.x3dava.backbone.synthetic.Actor;
import io.x3dava.backbone.synthetic.SyntheticVideos;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** annotate's inputs are read before its window opens: a folder of detect-video's outputs is checked there too. */
class AnnotateInputsTest {
    @TempDir
    Path dir;

    private AnnotateCommand command(String... args) {
        AnnotateCommand c = new AnnotateCommand();
        new CommandLine(c).parseArgs(args);
        return c;
    }

    private String[] args(Path video, String option, Path folder) throws Exception {
        Path labels = Files.writeString(dir.resolve("labels.pbtxt"), "item {\n  name: \"a\"\n  id: 1\n}\n");
        return new String[] {video.toString(), "--labelmap", labels.toString(), "--gt", dir.resolve("gt.csv").toString(),
            option, folder.toString()};
    }

    @Test
    void outputFoldersMustHoldTheVideosFilesAndEachIsReadBeforeTheWindow() throws Exception {
        Path video = dir.resolve("cam.mp4");
        SyntheticVideos.writeVideo(video, List.of(Actor.of(0, 0.5, 0.5, 0.3)), 64, 48, 75, 30, 1);
        Path outputs = Files.createDirectories(dir.resolve("outputs"));

        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> command(args(video, "--boxes", outputs)).prepare());
        assertEquals("--boxes " + outputs + ": no <video>/tracks.json for cam (expected a folder of detect-video's "
                + "outputs)", none.getMessage());

        Path tracks = Files.createDirectories(outputs.resolve("cam")).resolve("tracks.json");
        Files.writeString(tracks, "{\"video\": \"cam\", \"tracks\": [");
        AnnotationFormatException bad = assertThrows(AnnotationFormatException.class,
                () -> command(args(video, "--boxes", outputs)).prepare());
        assertEquals(tracks, bad.file(), "the malformed per-video file is named");

        Files.writeString(tracks, "{\"video\": \"cam\", \"fps\": 30, \"rate\": 4, \"tracks\": []}");
        assertEquals(List.of(video), command(args(video, "--boxes", outputs)).prepare().videos());

        Path keyframes = outputs.resolve("cam/actions_keyframes.csv");
        IllegalArgumentException noCsv = assertThrows(IllegalArgumentException.class,
                () -> command(args(video, "--detections", outputs)).prepare());
        assertTrue(noCsv.getMessage().startsWith("--detections " + outputs + ": no <video>/actions_keyframes.csv"),
                noCsv.getMessage());
        Files.writeString(keyframes, "cam,0001,0.1,0.1\n");
        assertEquals(keyframes, assertThrows(AnnotationFormatException.class,
                () -> command(args(video, "--detections", outputs)).prepare()).file());
    }
}
