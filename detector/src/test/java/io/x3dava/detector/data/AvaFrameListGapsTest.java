package io.x3dava.detector.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.x3dava.annotations.ava.AvaFrameLists;
import io.x3dava.annotations.ava.AvaTime;
import io.x3dava.backbone.video.ClipRequest;
import io.x3dava.backbone.video.ClipSpec;
import io.x3dava.backbone.video.FrameFolderSource;
import io.x3dava.backbone.video.FrameSource;
import io.x3dava.backbone.video.LoadedClip;
import io.x3dava.backbone.video.MissingFrameException;
import io.x3dava.backbone.video.MissingFramePolicy;
import io.x3dava.backbone.video.MissingFrames;
import io.x3dava.backbone.video.Placement;
import io.x3dava.backbone.video.SequentialClipLoader;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PySlowFast's AVA layout ({@code frames/<vid>/<vid>_%06d.jpg} + {@code frame_lists/val.csv}) with frames deleted: the
 * frame list gives each video's length (ava_helper.load_image_lists), so a gap at the end is found too, and keyframe
 * clips that need a missing frame are left out and counted, or padded on request.
 */
class AvaFrameListGapsTest {

    /** 60 frames (2 s at 30 fps) of video "vid", frame k's red channel = 4 k. */
    private static Path frames(Path root) throws Exception {
        Path folder = Files.createDirectories(root.resolve("vid"));
        BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_3BYTE_BGR);
        for (int k = 0; k < 60; k++) {
            Graphics2D g = img.createGraphics();
            g.setColor(new Color(4 * k, 128, 128));
            g.fillRect(0, 0, 8, 8);
            g.dispose();
            ImageIO.write(img, "jpg", folder.resolve(String.format("vid_%06d.jpg", k + 1)).toFile());
        }
        return folder;
    }

    @Test
    void theListGivesTheLengthAndClipsNeedingAGapAreCounted(@TempDir Path dir) throws Exception {
        Path root = dir.resolve("frames");
        Path folder = frames(root);
        Path list = dir.resolve("frame_lists/val.csv");
        LinkedHashMap<String, Integer> counts = new LinkedHashMap<>();
        counts.put("vid", 60);
        AvaFrameLists.write(list, counts, FrameTemplate.PYSLOWFAST.template());
        Files.delete(folder.resolve("vid_000060.jpg")); // the end
        Files.delete(folder.resolve("vid_000031.jpg")); // the middle: frame index 30 = second 901 (keyframe 901)
        AvaVideos plain = new AvaVideos(root, FrameTemplate.PYSLOWFAST, AvaTime.STANDARD);
        AvaVideos listed = plain.withFrameList(list);
        try (FrameSource src = plain.open("vid")) {
            assertEquals(59, src.frameCount()); // without the list a missing last frame looks like a shorter video
        }
        try (FrameSource src = listed.open("vid")) {
            assertEquals(60, src.frameCount());
            assertEquals(List.of(folder.resolve("vid_000031.jpg"), folder.resolve("vid_000060.jpg")),
                    ((FrameFolderSource) src).missingFrames());
            assertThrows(MissingFrameException.class, () -> src.read(new long[] {58, 59}, 0));
        }

        // keyframes 900.5, 901 and 901.5 as clips of 3 frames x 10 (frames 5..25, 20..40, 35..55): the middle one
        // needs the gap
        ClipSpec spec = new ClipSpec(3, 10);
        List<ClipRequest> requests = new ArrayList<>();
        for (double s : new double[] {0.5, 1.0, 1.5}) {
            requests.add(new ClipRequest(listed.locate("vid"), spec, new Placement.Centered(s), 0));
        }
        try (SequentialClipLoader loader = new SequentialClipLoader(requests, 1,
                listed.opener(MissingFramePolicy.FAIL))) {
            assertEquals(List.of(0, 2), loader.toList().stream().map(LoadedClip::position).toList());
            MissingFrames m = loader.missingFrameTally().snapshot();
            assertEquals(1, m.clips());
            assertEquals(List.of(folder.resolve("vid_000031.jpg").toString()), m.examples());
        }
        try (SequentialClipLoader loader = new SequentialClipLoader(requests, 1,
                listed.opener(MissingFramePolicy.REPEAT_NEAREST))) {
            List<LoadedClip> clips = loader.toList();
            assertEquals(3, clips.size());
            // the keyframe's own frame (index 30) is replaced by index 29: red 4 * 29, not 4 * 30
            assertEquals(4 * 29, clips.get(1).clip().meanChannel(1, 0), 3.0);
        }
    }

    @Test
    void rowsThatSkipANumberAreFollowedRowByRow(@TempDir Path dir) throws Exception {
        Path root = dir.resolve("frames");
        frames(root);
        StringBuilder sb = new StringBuilder(AvaFrameLists.HEADER + "\n");
        int row = 0;
        for (int file = 1; file <= 60; file++) {
            if (file != 11) { // an extraction whose list skips file 11
                sb.append(String.format("vid 0 %d vid/vid_%06d.jpg \"\"%n", row++, file));
            }
        }
        Path list = dir.resolve("val.csv");
        Files.writeString(list, sb, StandardCharsets.UTF_8);
        assertEquals(false, AvaFrameLists.read(list).get("vid").regular());
        AvaVideos listed = new AvaVideos(root, FrameTemplate.PYSLOWFAST, AvaTime.STANDARD).withFrameList(list);
        try (FrameSource src = listed.open("vid")) {
            assertEquals(59, src.frameCount());
            // row 10 is file 12 (frame index 11 of the folder)
            assertEquals(4 * 11, src.read(new long[] {10}, 0).meanChannel(0, 0), 3.0);
        }
    }
}
