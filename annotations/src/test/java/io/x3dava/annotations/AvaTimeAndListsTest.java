package io.x3dava.annotations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.x3dava.annotations.ava.AvaFrameLists;
import io.x3dava.annotations.ava.AvaTime;
import io.x3dava.annotations.ava.LabelMap;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AVA's clock, the full label list's pbtxt style and PySlowFast's frame lists. */
class AvaTimeAndListsTest {

    @Test
    void avaTimeFollowsPySlowFast() {
        AvaTime t = AvaTime.STANDARD;
        // ava_helper.sec_to_frame: (sec - 900) * 30, an index into a list whose first file is _000001.jpg
        assertEquals(60, t.frameIndex(902));
        assertEquals(61, t.frameNumber(902));
        assertEquals(26940, t.frameIndex(1798));
        assertEquals(2.0, t.videoSeconds(902));
        assertEquals(902.0, t.movieSecondsOfFrame(60));
        assertEquals(27030, t.expectedFrames());
        assertTrue(AvaTime.isAnnotated(902) && AvaTime.isAnnotated(1798));
        assertFalse(AvaTime.isAnnotated(901) || AvaTime.isAnnotated(1799));
        assertEquals(30, AvaTime.withOffset(901).frameIndex(902));
        assertThrows(IllegalArgumentException.class, () -> new AvaTime(900, 0));
    }

    @Test
    void fullLabelListStyleIsRead(@TempDir Path dir) throws Exception {
        Path full = dir.resolve("ava_action_list_v2.2.pbtxt");
        Files.writeString(full, """
                label {
                  name: "bend/bow (at the waist)"
                  label_id: 1
                  label_type: PERSON_MOVEMENT
                }
                label {
                  name: "watch (a person)"
                  label_id: 80
                  label_type: PERSON_INTERACTION
                }
                """);
        LabelMap m = LabelMap.read(full);
        assertEquals(List.of(1, 80), m.ids());
        assertEquals("watch (a person)", m.name(80));
        Path bad = dir.resolve("bad.pbtxt");
        Files.writeString(bad, "labels {\n name: \"x\" id: 1 }\n");
        AnnotationFormatException e = assertThrows(AnnotationFormatException.class, () -> LabelMap.read(bad));
        assertTrue(e.getMessage().contains(":1: expected 'item {' or 'label {'"), e.getMessage());
    }

    @Test
    void frameListsRoundTrip(@TempDir Path dir) throws Exception {
        LinkedHashMap<String, Integer> counts = new LinkedHashMap<>();
        counts.put("-5KQ66BBWC4", 5);
        counts.put("vid2", 3);
        Path list = dir.resolve("train.csv");
        AvaFrameLists.write(list, counts, "{vid}/{vid}_%06d.jpg");
        List<String> lines = Files.readAllLines(list);
        assertEquals(AvaFrameLists.HEADER, lines.get(0));
        assertEquals("-5KQ66BBWC4 0 0 -5KQ66BBWC4/-5KQ66BBWC4_000001.jpg \"\"", lines.get(1));
        var videos = AvaFrameLists.read(list);
        assertEquals(List.of("-5KQ66BBWC4", "vid2"), List.copyOf(videos.keySet()));
        assertEquals(3, videos.get("vid2").rows());
        assertEquals("vid2/vid2_000003.jpg", videos.get("vid2").lastPath());
        assertEquals("-5KQ66BBWC4", AvaFrameLists.first(list).videoId());
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, AvaFrameLists.HEADER + "\nvid 0 0 vid/vid_000001.jpg \"\"\nvid 0 1\n");
        AnnotationFormatException e = assertThrows(AnnotationFormatException.class, () -> AvaFrameLists.read(bad));
        assertTrue(e.getMessage().contains("bad.csv:3: expected 5 space-separated columns"), e.getMessage());
    }
}
