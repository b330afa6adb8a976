package io.x3dava.annotations.cvat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "CVAT for video 1.1" as written: the task's frame range and per-type attribute defaults as CVAT writes them, every
 * box flag, escaped names, several labels, and the reader giving back the same document.
 */
class CvatWriterTest {
    @TempDir
    Path dir;

    /** A box as "frame k o c corners attributes" (the reader's line numbers left out). */
    private static List<String> boxes(CvatDocument doc) {
        List<String> out = new ArrayList<>();
        for (CvatTrack t : doc.tracks()) {
            for (CvatBox b : t.boxes()) {
                StringBuilder sb = new StringBuilder(t.id() + " " + t.label() + " " + b.frame() + " k" + (b.keyframe() ? 1 : 0)
                        + " o" + (b.outside() ? 1 : 0) + " c" + (b.occluded() ? 1 : 0) + " " + b.xtl() + "," + b.ytl()
                        + "," + b.xbr() + "," + b.ybr());
                for (CvatAttribute a : b.attributes()) {
                    sb.append(' ').append(a.name()).append('=').append(a.value());
                }
                out.add(sb.toString());
            }
        }
        return out;
    }

    @Test
    void writesWhatCvatAndTheReaderRead() throws Exception {
        Map<String, CvatInputType> personAttributes = new LinkedHashMap<>();
        personAttributes.put("walk", CvatInputType.CHECKBOX);
        personAttributes.put("mood & <kind>", CvatInputType.SELECT);
        Map<String, Map<String, CvatInputType>> labels = new LinkedHashMap<>();
        labels.put("person", personAttributes);
        labels.put("car", Map.of());
        List<CvatAttribute> attrs = List.of(new CvatAttribute("walk", "true", 0),
                new CvatAttribute("mood & <kind>", "a \"b\"", 0));
        CvatTrack person = new CvatTrack(3, "person", List.of(
                new CvatBox(5, 10.5, 20, 30, 40.25, false, true, true, attrs, 0),
                new CvatBox(2, 10, 20, 10, 20, true, false, false, attrs, 0)), 0); // zero-size, before frame 5
        CvatTrack car = new CvatTrack(4, "car", List.of(new CvatBox(0, 1, 2, 3, 4, false, false, true, List.of(), 0)), 0);
        CvatDocument doc = new CvatDocument("shop & <1>", 640, 480, 0, labels, List.of(person, car));
        Path file = dir.resolve("out.xml");
        CvatWriter.write(file, doc, new CvatVideo(640, 480, 25, 100));

        String xml = Files.readString(file);
        assertTrue(xml.contains("<name>shop &amp; &lt;1&gt;</name>"), xml);
        assertTrue(xml.contains("<size>100</size>"), xml);
        assertTrue(xml.contains("<stop_frame>99</stop_frame>"), xml);
        assertTrue(xml.contains("<stop>99</stop>"), xml);
        assertTrue(xml.contains("<input_type>checkbox</input_type>\n              <default_value>false</default_value>\n"
                + "              <values>false</values>"), xml);
        assertTrue(xml.contains("<input_type>select</input_type>\n              <default_value></default_value>\n"
                + "              <values></values>"), xml);
        assertTrue(xml.contains("<box frame=\"2\" keyframe=\"0\" outside=\"1\" occluded=\"0\""), xml);
        assertTrue(xml.contains("<box frame=\"5\" keyframe=\"1\" outside=\"0\" occluded=\"1\""), xml);

        CvatDocument back = CvatReader.read(file);
        assertEquals("out.xml", file.getFileName().toString());
        assertEquals(640, back.width());
        assertEquals(480, back.height());
        assertEquals(labels, back.labels(), "each label with its own attributes");
        assertEquals(List.of(
                "3 person 2 k0 o1 c0 10.0,20.0,10.0,20.0 walk=true mood & <kind>=a \"b\"",
                "3 person 5 k1 o0 c1 10.5,20.0,30.0,40.25 walk=true mood & <kind>=a \"b\"",
                "4 car 0 k1 o0 c0 1.0,2.0,3.0,4.0"), boxes(back), "boxes sorted by frame within a track");
    }
}
