package io.x3dava.detector.cvat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.x3dava.annotations.ava.LabelMap;
import io.x3dava.annotations.ava.LabelMapEntry;
import io.x3dava.annotations.command.CommandLines;
import io.x3dava.backbone.synthetic.SyntheticVideos;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import picocli.CommandLine;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** import-cvat and export-cvat as a user runs them, on a real video file. */
class CvatCommandsTest {
    @TempDir
    static Path dir;
    static Path video;
    static Path map;

    @BeforeAll
    static void video() throws Exception {
        // 64x48 at 25 fps, 4 s: keyframes 1, 2, 3
        video = dir.resolve("dock_cam.mp4");
        SyntheticVideos.writeVideo(video, List.of(), 64, 48, 100, 25, 1);
        map = dir.resolve("my_actions.pbtxt");
        new LabelMap(List.of(new LabelMapEntry(1, "lift", null), new LabelMapEntry(2, "push cart", null),
                new LabelMapEntry(3, "scan", null))).write(map);
    }

    record Run(int code, String err) {
    }

    static Run run(Object command, String... args) {
        StringWriter err = new StringWriter();
        CommandLine cl = CommandLines.of(command);
        cl.setErr(new PrintWriter(err));
        return new Run(cl.execute(args), err.toString());
    }

    static String cvat(String actionOfSecondBox) {
        return """
                <?xml version="1.0" encoding="utf-8"?>
                <annotations>
                  <version>1.1</version>
                  <meta><task><labels><label><name>person</name><attributes>
                    <attribute><name>lift</name><input_type>checkbox</input_type><values>false</values></attribute>
                    <attribute><name>activity</name><input_type>select</input_type><values>none</values></attribute>
                  </attributes></label></labels>
                  <original_size><width>64</width><height>48</height></original_size></task></meta>
                  <track id="2" label="person" source="manual">
                    <box frame="0" keyframe="1" outside="0" occluded="0" xtl="6.4" ytl="4.8" xbr="32" ybr="48">
                      <attribute name="lift">true</attribute><attribute name="activity">none</attribute>
                    </box>
                    <box frame="50" keyframe="1" outside="0" occluded="0" xtl="6.4" ytl="4.8" xbr="32" ybr="48">
                      <attribute name="lift">false</attribute><attribute name="activity">%s</attribute>
                    </box>
                    <box frame="60" keyframe="1" outside="1" occluded="0" xtl="6.4" ytl="4.8" xbr="32" ybr="48">
                    </box>
                  </track>
                </annotations>
                """.formatted(actionOfSecondBox);
    }

    @Test
    void importExportImportGivesTheSameCsv() throws Exception {
        Path xml = dir.resolve("annotations.xml");
        Files.writeString(xml, cvat("Push Cart"));
        Path gt = dir.resolve("gt.csv");
        Run r = run(new ImportCvatCommand(), xml.toString(), "--video", video.toString(), "--labelmap", map.toString(),
                "--gt", gt.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("dock_cam,0001,0.1,0.1,0.5,1,1,2\ndock_cam,0002,0.1,0.1,0.5,1,2,2\n", Files.readString(gt));

        Path back = dir.resolve("back.xml");
        r = run(new ExportCvatCommand(), "--gt", gt.toString(), "--video", video.toString(), "--labelmap",
                map.toString(), "--out", back.toString());
        assertEquals(0, r.code(), r.err());
        Path again = dir.resolve("again.csv");
        r = run(new ImportCvatCommand(), back.toString(), "--video", video.toString(), "--labelmap", map.toString(),
                "--gt", again.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(Files.readString(gt), Files.readString(again));
    }

    @Test
    void badInputsEndWithOneLineAndExit2() throws Exception {
        Path xml = dir.resolve("jog.xml");
        String text = cvat("jog");
        Files.writeString(xml, text);
        Path gt = dir.resolve("jog.csv");
        Run r = run(new ImportCvatCommand(), xml.toString(), "--video", video.toString(), "--labelmap", map.toString(),
                "--gt", gt.toString());
        int line = text.substring(0, text.indexOf(">jog<")).split("\n").length;
        assertEquals(2, r.code());
        assertEquals("import-cvat: " + xml + ":" + line + ": attribute value 'jog' is not in " + map, r.err().lines()
                .findFirst().orElseThrow().replaceAll(" \\(add it.*", ""));
        assertEquals(1, r.err().lines().count(), r.err());

        // --labelmap-out writes every name instead
        Path grown = dir.resolve("grown.pbtxt");
        r = run(new ImportCvatCommand(), xml.toString(), "--video", video.toString(), "--labelmap", map.toString(),
                "--labelmap-out", grown.toString(), "--gt", gt.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("lift", "push cart", "scan", "jog"), LabelMap.read(grown).entries().stream()
                .map(LabelMapEntry::name).toList());
        assertTrue(Files.readString(gt).contains("dock_cam,0002,0.1,0.1,0.5,1,4,2"), Files.readString(gt));

        r = run(new ImportCvatCommand(), xml.toString(), "--video", dir.resolve("nosuch.mp4").toString(), "--labelmap",
                map.toString(), "--gt", gt.toString());
        assertEquals(2, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("nosuch.mp4"), r.err());

        Path bad = dir.resolve("bad.xml");
        Files.writeString(bad, "<annotations>\n<track id=\"1\" label=\"person\">\n<box frame=\"x\"/>\n</track>\n"
                + "</annotations>\n");
        r = run(new ImportCvatCommand(), bad.toString(), "--video", video.toString(), "--labelmap", map.toString(),
                "--gt", gt.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("import-cvat: " + bad + ":3: expected frame=\"N\""), r.err());

        Path wrongSize = dir.resolve("size.xml");
        Files.writeString(wrongSize, text.replace("<width>64</width>", "<width>1280</width>"));
        r = run(new ImportCvatCommand(), wrongSize.toString(), "--video", video.toString(), "--labelmap",
                map.toString(), "--gt", gt.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("import-cvat: " + wrongSize + ":8: <original_size> is 1280x48 but the video is "
                + "64x48"), r.err());
    }

    @Test
    void preAnnotationFromTracksTicksTheMatchedDetectionsAndNamesTheRightFile() throws Exception {
        Path tracks = dir.resolve("tracks.json");
        Files.writeString(tracks, "{\"video\":\"dock_cam\",\"fps\":25,\"rate\":4,\"tracks\":[{\"id\":7,\"boxes\":["
                + "{\"t\":1.0,\"x1\":0.1,\"y1\":0.1,\"x2\":0.5,\"y2\":1.0,\"score\":0.9},"
                + "{\"t\":1.25,\"x1\":0.12,\"y1\":0.1,\"x2\":0.52,\"y2\":1.0,\"score\":0.9},"
                + "{\"t\":2.0,\"x1\":0.2,\"y1\":0.1,\"x2\":0.6,\"y2\":1.0,\"score\":0.9}]}]}");
        Path dets = dir.resolve("actions_keyframes.csv");
        Files.writeString(dets, "dock_cam,1,0.1,0.1,0.5,1,3,0.8\ndock_cam,1,0.1,0.1,0.5,1,2,0.3\n"
                + "dock_cam,2,0.2,0.1,0.6,1,1,0.6\n");
        Path xml = dir.resolve("pre.xml");
        Run r = run(new ExportCvatCommand(), "--tracks", tracks.toString(), "--detections", dets.toString(), "--video",
                video.toString(), "--labelmap", map.toString(), "--out", xml.toString());
        assertEquals(0, r.code(), r.err());
        Path gt = dir.resolve("pre.csv");
        r = run(new ImportCvatCommand(), xml.toString(), "--video", video.toString(), "--labelmap", map.toString(),
                "--gt", gt.toString());
        assertEquals(0, r.code(), r.err());
        // second 1: scan (0.8 >= 0.5; push at 0.3 is not ticked); second 2: lift; after the track: outside
        assertEquals("dock_cam,0001,0.1,0.1,0.5,1,3,7\ndock_cam,0002,0.2,0.1,0.6,1,1,7\n", Files.readString(gt));

        Path fractional = dir.resolve("actions.csv");
        Files.writeString(fractional, "dock_cam,1,0.1,0.1,0.5,1,3,0.8\ndock_cam,1.25,0.1,0.1,0.5,1,3,0.8\n");
        r = run(new ExportCvatCommand(), "--tracks", tracks.toString(), "--detections", fractional.toString(),
                "--video", video.toString(), "--labelmap", map.toString(), "--out", xml.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("export-cvat: " + fractional + ":2: expected whole-second keyframes"), r.err());
    }
}
