package io.x3dava.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.x3dava.annotations.AnnotationFormatException;
import io.x3dava.annotations.command.CommandLines;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tracks.json from detect-video: track ids on the detections they belong to, lone tracks drawn as track boxes. */
class TracksTest {
    @TempDir
    Path dir;

    static final String TRACKS = """
            {"video": "clip", "fps": 25.0, "rate": 2.0, "tracks": [
              {"id": 7, "boxes": [{"t": 1.0, "x1": 0.1, "y1": 0.1, "x2": 0.4, "y2": 0.9, "score": 0.97},
                                  {"t": 1.5, "x1": 0.12, "y1": 0.1, "x2": 0.42, "y2": 0.9, "score": 0.96}]},
              {"id": 9, "boxes": [{"t": 1.0, "x1": 0.6, "y1": 0.2, "x2": 0.9, "y2": 0.8, "score": 0.88}]}
            ]}
            """;

    @Test
    void detectionsGetTheirTrackIdAndLoneTracksAreDrawn() throws Exception {
        Path json = Files.writeString(dir.resolve("tracks.json"), TRACKS);
        OverlayModel m = new OverlayModel(List.of(Rows.det("clip", 1, Rows.box(0.1, 0.1, 0.4, 0.9), 3, 0.8)), List.of(),
                null, Set.of()).withTracks(TrackFile.read(json));
        List<DrawnBox> boxes = new OverlayQuery(m).at("clip", 1.0, OverlaySettings.defaults()).boxes();
        assertEquals(2, boxes.size());
        assertEquals("#7 action 3 0.80", boxes.get(0).labelLines().get(0));
        assertEquals(BoxStyle.DETECTION, boxes.get(0).style());
        assertEquals(List.of("#9 person 0.88"), boxes.get(1).labelLines());
        assertEquals(BoxStyle.TRACK, boxes.get(1).style());
        assertTrue(m.videoIds().contains("clip"));
        // no sample within half an interval (0.25 s) of keyframe 3: nothing from the tracks
        assertEquals(List.of(), TrackFile.read(json).at(3.0));
        assertEquals(0.12, TrackFile.read(json).at(1.6).get(0).box().x1(), 1e-12);
    }

    @Test
    void malformedTracksNameFileAndLine() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.json"),
                "{\"video\": \"clip\", \"fps\": 25,\n \"rate\": 1, \"tracks\": [\n {\"id\": \"x\"}]}");
        AnnotationFormatException e = assertThrows(AnnotationFormatException.class, () -> TrackFile.read(bad));
        assertEquals(3, e.line());
        Path outside = Files.writeString(dir.resolve("out.json"), TRACKS.replace("0.9, \"score\": 0.97", "1.2, \"score\": 0.97"));
        e = assertThrows(AnnotationFormatException.class, () -> TrackFile.read(outside));
        assertTrue(e.getMessage().contains("track 7") && e.getMessage().contains("x2 <= 1"), e.getMessage());
    }

    /** Pixels of BoxStyle.TRACK's grey in a band around x = 0.6 w, between 0.35 h and 0.75 h (below any label). */
    private static int trackGreyOnLeftEdge(Path png) throws Exception {
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(png.toFile());
        int w = img.getWidth();
        int h = img.getHeight();
        int n = 0;
        for (int y = (int) (0.35 * h); y < (int) (0.75 * h); y++) {
            for (int x = (int) (0.6 * w) - 3; x <= (int) (0.6 * w) + 3; x++) {
                n += TestVideos.near(img.getRGB(x, y), BoxStyle.TRACK.outlineRgb(0), 24) ? 1 : 0;
            }
        }
        return n;
    }

    @Test
    void exportCommandTakesTracks() throws Exception {
        Path video = TestVideos.write(dir.resolve("clip.mp4"), 64, 48, 25, 30);
        Path json = Files.writeString(dir.resolve("tracks.json"), TRACKS);
        Path csv = Files.writeString(dir.resolve("actions.csv"), "clip,1,0.1,0.1,0.4,0.9,3,0.8\n");
        Path png = dir.resolve("f.png");
        assertEquals(0, CommandLines.execute(new ExportCommand(), "--video", video.toString(), "-d", csv.toString(),
                "--tracks", json.toString(), "--offset", "0", "--png", png.toString(), "--at", "1"));
        // track 9 (no detection) is drawn as a grey dash-dot TRACK box: its left edge at x = 0.6 w shows that grey,
        // the same frame exported without the tracks has none of it there
        assertTrue(trackGreyOnLeftEdge(png) >= 5, "track 9's outline drawn: " + trackGreyOnLeftEdge(png));
        Path plain = dir.resolve("plain.png");
        assertEquals(0, CommandLines.execute(new ExportCommand(), "--video", video.toString(), "-d", csv.toString(),
                "--offset", "0", "--png", plain.toString(), "--at", "1"));
        assertEquals(0, trackGreyOnLeftEdge(plain), "without --tracks no track box");
        Path broken = Files.writeString(dir.resolve("broken.json"), "{");
        assertEquals(2, CommandLines.execute(new ExportCommand(), "--video", video.toString(), "--tracks",
                broken.toString(), "--png", png.toString()));
    }
}
