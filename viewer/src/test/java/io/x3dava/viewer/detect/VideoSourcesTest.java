package io.x3dava.viewer.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What detect-video reads: a list file of a corpus, a folder, one video; never two videos into one folder. */
class VideoSourcesTest {

    @Test
    void aListNamesVideosRelativeToItsFolderSkippingCommentsAndBlankLines(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("day1"));
        Files.writeString(dir.resolve("day1/cam_a.mp4"), "x");
        Files.writeString(dir.resolve("cam_b.mkv"), "x");
        Path list = Files.writeString(dir.resolve("corpus.txt"), "# week 49\n\nday1/cam_a.mp4\r\n  cam_b.mkv  \n");
        VideoSources s = VideoSources.of(list.toString(), null);
        assertEquals(VideoSources.Kind.LIST, s.kind());
        assertEquals(List.of(dir.resolve("day1/cam_a.mp4").toString(), dir.resolve("cam_b.mkv").toString()),
                s.sources());
        assertEquals(List.of("cam_a", "cam_b"), s.ids());
    }

    @Test
    void aMissingVideoInAListIsItsLine(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.mp4"), "x");
        Path list = Files.writeString(dir.resolve("corpus.txt"), "a.mp4\n# b\nb.mp4\n");
        IOException e = assertThrows(IOException.class, () -> VideoSources.of(list.toString(), null));
        assertEquals(list + ":3: b.mp4: no such video file (expected one video path per line, relative to the list's"
                + " folder)", e.getMessage());
    }

    @Test
    void twoVideosWithOneIdAreRefusedBeforeAnyRun(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("x"));
        Files.writeString(dir.resolve("x/clip.mp4"), "x");
        Files.writeString(dir.resolve("clip.avi"), "x");
        Path list = Files.writeString(dir.resolve("corpus.txt"), "x/clip.mp4\nclip.avi\n");
        IOException inList = assertThrows(IOException.class, () -> VideoSources.of(list.toString(), null));
        assertEquals(list + ":2: clip.avi: video id 'clip' already at line 1 (both would write OUT/clip); rename one",
                inList.getMessage());
        Files.writeString(dir.resolve("x/clip.mkv"), "x");
        IOException inFolder = assertThrows(IOException.class, () -> VideoSources.of(dir.resolve("x").toString(),
                null));
        assertEquals(dir.resolve("x") + ": clip.mkv and clip.mp4 have the same video id 'clip' (both would write"
                + " OUT/clip); rename one", inFolder.getMessage());
    }

    @Test
    void aListWithoutVideosIsAnError(@TempDir Path dir) throws IOException {
        Path list = Files.writeString(dir.resolve("corpus.txt"), "# nothing yet\n\n");
        IOException e = assertThrows(IOException.class, () -> VideoSources.of(list.toString(), null));
        assertEquals(list + ": no video paths (expected one video path per line)", e.getMessage());
    }

    @Test
    void aVideoFileIsOneSourceAndIdNamesIt(@TempDir Path dir) throws IOException {
        Path v = Files.writeString(dir.resolve("street.mp4"), "x");
        assertEquals(List.of("street"), VideoSources.of(v.toString(), null).ids());
        assertEquals(List.of("cam1"), VideoSources.of(v.toString(), "cam1").ids());
        assertThrows(IllegalArgumentException.class, () -> VideoSources.of(dir.toString(), "cam1"),
                "--id names one video, not a folder");
    }
}
