package io.x3dava.viewer;

import io.x3dava.annotations.command.CommandLines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export without a screen: PNG and MP4 from a generated video, box pixels in the class colour. */
class ExportTest {
    static final int W = 960;
    static final int H = 720; // large enough for a 4-pixel stroke, which survives MPEG-4's 2x2 chroma
    static final int ACTION = 3;

    @TempDir
    Path dir;

    static OverlayModel model(String vid) {
        return new OverlayModel(List.of(Rows.det(vid, 1, Rows.box(0.25, 0.25, 0.75, 0.75), ACTION, 0.9)), List.of(), null,
                Set.of());
    }

    /** A pixel on the middle of the box's left edge, away from the label. */
    static int leftEdge(BufferedImage img) {
        return img.getRGB((int) (0.25 * img.getWidth()), img.getHeight() / 2) & 0xffffff;
    }

    @Test
    void pngAtAKeyframeHasTheBoxInTheClassColour() throws Exception {
        Path video = TestVideos.write(dir.resolve("clip.mp4"), W, H, 10, 25);
        Path png = dir.resolve("out/frame.png");
        try (FrameCursor src = FrameCursor.open(video)) {
            assertEquals("clip", src.videoId());
            VideoFrame f = FrameExport.export(src, new OverlayQuery(model("clip")), OverlaySettings.defaults(), "clip",
                    TimeMapping.none(), 1.0, new ExportSize(0), png);
            assertEquals(1.0, f.time(), 1e-6);
        }
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(W, img.getWidth());
        assertEquals(Palette.rgb(ACTION), leftEdge(img));
        assertTrue(TestVideos.near(img.getRGB(W / 2, H / 2) & 0xffffff, TestVideos.BACKGROUND, 8), "inside the box untouched");
        try (var s = Files.list(png.getParent())) {
            assertEquals(List.of(png), s.toList(), "no temporary file left");
        }
    }

    @Test
    void mp4HasTheBoxOnlyWhileTheKeyframeIsHeld() throws Exception {
        Path video = TestVideos.write(dir.resolve("clip.mp4"), W, H, 10, 25);
        Path mp4 = dir.resolve("annotated.mp4");
        int n;
        try (FrameCursor src = FrameCursor.open(video)) {
            n = new VideoExport(new OverlayQuery(model("clip")), OverlaySettings.defaults(), new ExportSize(0))
                    .export(src, "clip", TimeMapping.none(), 0, Double.POSITIVE_INFINITY, mp4, null);
        }
        assertEquals(25, n);
        try (FrameCursor out = FrameCursor.open(mp4)) {
            out.seek(0.5);
            assertTrue(TestVideos.near(leftEdge(out.next().image()), TestVideos.BACKGROUND, 30), "no box before keyframe 1");
            out.seek(1.5);
            int px = leftEdge(out.next().image());
            assertTrue(TestVideos.near(px, Palette.rgb(ACTION), 40),
                    String.format("held box at 1.5 s: got %06x, want %06x", px, Palette.rgb(ACTION)));
        }
    }

    @Test
    void exportCommandReadsAnAvaFrameFolderWithTheCutOffset() throws Exception {
        // SlowFast layout: frames/<vid>/<vid>_%06d.jpg at 30 fps; file 31 is at 1 s, i.e. annotation time 901
        Path frames = Files.createDirectories(dir.resolve("frames/vid1"));
        for (int n = 1; n <= 40; n++) {
            ImageIO.write(TestVideos.frame(320, 240, n), "jpg", frames.resolve(String.format("vid1_%06d.jpg", n)).toFile());
        }
        Path csv = dir.resolve("dets.csv");
        Files.writeString(csv, "vid1,0901,0.25,0.25,0.75,0.75," + ACTION + ",0.9\n");
        Path png = dir.resolve("f.png");
        int rc = CommandLines.execute(new ExportCommand(),
                "--video", frames.toString(), "-d", csv.toString(), "--ava-offset", "--png", png.toString(), "--at", "901",
                        "--min-short-side", "0");
        assertEquals(0, rc);
        assertEquals(Palette.rgb(ACTION), leftEdge(ImageIO.read(png.toFile())));
    }

    @Test
    void exportCommandReportsAMalformedCsvWithFileAndLine() throws Exception {
        Path video = TestVideos.write(dir.resolve("clip.mp4"), 64, 48, 10, 3);
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "clip,0001,0.1,0.1,0.5,0.5,1\n");
        var err = new java.io.ByteArrayOutputStream();
        var old = System.err;
        System.setErr(new java.io.PrintStream(err, true));
        int rc;
        try {
            rc = CommandLines.execute(new ExportCommand(), "--video", video.toString(), "-d", csv.toString(),
                    "--png", dir.resolve("x.png").toString());
        } finally {
            System.setErr(old);
        }
        assertEquals(2, rc);
        assertTrue(err.toString().contains(csv + ":1:"), err.toString());
        assertTrue(!err.toString().contains("\tat "), "no stack trace: " + err);
    }
}
