package io.x3dava.annotations.cvat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.x3dava.annotations.AnnotationFormatException;
import io.x3dava.annotations.ava.AvaBox;
import io.x3dava.annotations.ava.AvaCsv;
import io.x3dava.annotations.ava.AvaGroundTruthRow;
import io.x3dava.annotations.ava.Keyframe;
import io.x3dava.annotations.ava.LabelMap;
import io.x3dava.annotations.ava.LabelMapEntry;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CVAT for video 1.1 in CVAT's real layout: read, sample at keyframes, export, round trip, bad files. */
class CvatCodecTest {
    /** 640x480 at 25 fps, 100 frames: keyframes 1, 2, 3 (frames 25, 50, 75). */
    static final CvatVideo VIDEO = new CvatVideo(640, 480, 25, 100);
    static final LabelMap MAP = new LabelMap(List.of(new LabelMapEntry(1, "walk", null),
            new LabelMapEntry(2, "wave", null), new LabelMapEntry(3, "carry", null)));

    @TempDir
    Path dir;

    static String meta(String attributes) {
        return """
                <?xml version="1.0" encoding="utf-8"?>
                <annotations>
                  <version>1.1</version>
                  <meta>
                    <task>
                      <id>7</id>
                      <name>warehouse</name>
                      <size>100</size>
                      <mode>interpolation</mode>
                      <labels>
                        <label>
                          <name>person</name>
                          <type>rectangle</type>
                          <attributes>
                """ + attributes + """
                          </attributes>
                        </label>
                        <label>
                          <name>car</name>
                          <type>rectangle</type>
                          <attributes>
                          </attributes>
                        </label>
                      </labels>
                      <original_size>
                        <width>640</width>
                        <height>480</height>
                      </original_size>
                    </task>
                    <dumped>2026-12-01 10:00:00.000000+00:00</dumped>
                  </meta>
                """;
    }

    static String attr(String name, String type, String values) {
        return "            <attribute>\n              <name>" + name + "</name>\n              <mutable>True</mutable>\n"
                + "              <input_type>" + type + "</input_type>\n              <default_value>false</default_value>\n"
                + "              <values>" + values + "</values>\n            </attribute>\n";
    }

    static String box(int frame, double x1, double y1, double x2, double y2, int outside, int occluded, int key,
                      String attrs) {
        return String.format("    <box frame=\"%d\" keyframe=\"%d\" outside=\"%d\" occluded=\"%d\" xtl=\"%.2f\" "
                + "ytl=\"%.2f\" xbr=\"%.2f\" ybr=\"%.2f\" z_order=\"0\">\n%s    </box>\n", frame, key, outside, occluded,
                x1, y1, x2, y2, attrs);
    }

    static String a(String name, String value) {
        return "      <attribute name=\"" + name + "\">" + value + "</attribute>\n";
    }

    static final String PERSON_ATTRS = attr("walk", "checkbox", "false") + attr("wave", "checkbox", "false")
            + attr("hands", "select", "__undefined__\ncarry\nnone");

    static String attrs(boolean walk, boolean wave, String hands) {
        return a("walk", String.valueOf(walk)) + a("wave", String.valueOf(wave)) + a("hands", hands);
    }

    /**
     * CVAT's export lists every frame of a track (keyframe="0" for its own interpolation): person 3 walks on frames
     * 20..60, leaves (outside from 61), comes back occluded at 70 and waves to the end; a car track is ignored.
     */
    static String everyFrame() {
        StringBuilder sb = new StringBuilder(meta(PERSON_ATTRS));
        sb.append("  <track id=\"3\" label=\"person\" source=\"manual\">\n");
        for (int f = 20; f <= 60; f++) {
            sb.append(box(f, 64 + f, 48, 192 + f, 432, 0, 0, f == 20 || f == 60 ? 1 : 0,
                    attrs(true, false, f >= 50 ? "carry" : "__undefined__")));
        }
        sb.append(box(61, 124, 48, 252, 432, 1, 0, 1, attrs(true, false, "__undefined__")));
        for (int f = 70; f < 100; f++) {
            sb.append(box(f, 320, 96, 480, 480, 0, 1, f == 70 ? 1 : 0, attrs(false, true, "none")));
        }
        sb.append("  </track>\n  <track id=\"4\" label=\"car\" source=\"manual\">\n");
        sb.append(box(0, 0, 0, 100, 100, 0, 0, 1, ""));
        sb.append("  </track>\n</annotations>\n");
        return sb.toString();
    }

    Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    static AvaGroundTruthRow row(int t, double x1, double y1, double x2, double y2, int action, int person) {
        return new AvaGroundTruthRow(new Keyframe("shop", t), new AvaBox(x1, y1, x2, y2), action, person);
    }

    @Test
    void everyFrameExportGivesKeyframeBoxesWithOutsideGapsOccludedBoxesAndIgnoresOtherLabels() throws IOException {
        CvatDocument doc = CvatReader.read(write("annotations.xml", everyFrame()));
        CvatImport.Result r = CvatImport.toAva(doc, VIDEO, MAP, CvatImportOptions.forVideo("shop"));
        // t=1 frame 25: walking, box x 89..217; t=2 frame 50: walking and carrying (select value), x 114..242;
        // t=3 frame 75: back after the outside gap, occluded, waving
        assertEquals(List.of(
                // 89 / 640 = 0.1390625: coordinates are rounded to 6 decimals
                row(1, 0.139063, 0.1, 0.339063, 0.9, 1, 3),
                row(2, 0.178125, 0.1, 0.378125, 0.9, 1, 3),
                row(2, 0.178125, 0.1, 0.378125, 0.9, 3, 3),
                row(3, 0.5, 0.2, 0.75, 1.0, 2, 3)), r.rows());
        assertEquals(1, r.personTracks());
        assertEquals(1, r.otherTracks());
        assertEquals(1, r.occludedBoxes());
        assertEquals(3, r.keyframes());
    }

    @Test
    void keyFramesOnlyAreInterpolatedAsCvatDoesAndOutsideEndsTheTrack() throws IOException {
        String xml = meta(PERSON_ATTRS) + "  <track id=\"0\" label=\"Person\" source=\"manual\">\n"
                + box(0, 0, 0, 64, 48, 0, 0, 1, attrs(true, false, "__undefined__"))
                + box(50, 128, 96, 192, 144, 0, 0, 1, attrs(false, true, "__undefined__"))
                + box(60, 128, 96, 192, 144, 1, 0, 1, attrs(false, true, "__undefined__"))
                + "  </track>\n  <track id=\"1\" label=\"person\" source=\"manual\">\n"
                + box(60, 320, 240, 640, 480, 0, 0, 1, attrs(false, false, "carry"))
                + "  </track>\n</annotations>\n";
        CvatImport.Result r = CvatImport.toAva(CvatReader.read(write("k.xml", xml)), VIDEO, MAP,
                CvatImportOptions.forVideo("shop").withOffsetSeconds(900));
        // frame 25 is half-way from frame 0 to 50: corners interpolated, attributes of frame 0; frame 50 as drawn;
        // frame 75: track 0 is outside since 60, track 1 (last box at 60) is held to the end
        assertEquals(List.of(
                row(901, 0.1, 0.1, 0.2, 0.2, 1, 0),
                row(902, 0.2, 0.2, 0.3, 0.3, 2, 0),
                row(903, 0.5, 0.5, 1.0, 1.0, 3, 1)), r.rows());
    }

    @Test
    void readsTheAnnotationsInsideCvatsExportZip() throws IOException {
        Path zip = dir.resolve("task_7-2026_12_01-cvat for video 1.1.zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("images/frame_000000.png"));
            z.write(new byte[] {1, 2, 3});
            z.putNextEntry(new ZipEntry("annotations.xml"));
            z.write(everyFrame().getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(4, CvatImport.toAva(CvatReader.read(zip), VIDEO, MAP, CvatImportOptions.forVideo("shop"))
                .rows().size());
    }

    @Test
    void roundTripAvaToCvatToAvaIsTheIdentity() throws IOException {
        List<AvaGroundTruthRow> rows = new ArrayList<>(List.of(
                row(901, 0.1, 0.2, 0.3, 0.9, 1, 0), row(901, 0.1, 0.2, 0.3, 0.9, 2, 0),
                row(901, 0.513, 0.25, 0.777, 0.999, 3, 5),
                row(902, 0.123, 0.2, 0.333, 0.9, 1, 0),
                // person 0 is absent at 903 (an outside box there), person 5 at 902 (gap, then back)
                row(903, 0.6, 0.3, 0.8, 1.0, 2, 5)));
        Path gt = dir.resolve("gt.csv");
        AvaCsv.writeGroundTruth(gt, rows);
        CvatDocument doc = CvatExport.fromGroundTruth("shop", AvaCsv.readGroundTruth(gt), MAP, VIDEO, 900, 1);
        Path xml = dir.resolve("out.xml");
        CvatWriter.write(xml, doc, VIDEO);
        CvatImport.Result back = CvatImport.toAva(CvatReader.read(xml), VIDEO, MAP,
                CvatImportOptions.forVideo("shop").withOffsetSeconds(900));
        Path again = dir.resolve("again.csv");
        AvaCsv.writeGroundTruth(again, back.rows());
        assertEquals(Files.readString(gt), Files.readString(again));
        assertEquals(MAP.entries(), back.labelMap().entries());
    }

    @Test
    void unknownActionNamesItsLineOrGrowsTheLabelMapInFirstSeenOrder() throws IOException {
        String xml = meta(attr("jog", "checkbox", "false") + attr("hands", "radio", "carry\nthrow"))
                + "  <track id=\"0\" label=\"person\" source=\"manual\">\n"
                + box(0, 0, 0, 64, 48, 0, 0, 1, a("jog", "true") + a("hands", "throw"))
                + "  </track>\n</annotations>\n";
        Path f = write("u.xml", xml);
        CvatDocument doc = CvatReader.read(f);
        int jogLine = xml.substring(0, xml.indexOf("<attribute name=\"jog\"")).split("\n").length;
        AnnotationFormatException e = assertThrows(AnnotationFormatException.class, () -> CvatImport.toAva(doc, VIDEO,
                MAP, CvatImportOptions.forVideo("shop").withLabelMapFile(Path.of("MAP.pbtxt"))));
        assertEquals(jogLine, e.line());
        assertTrue(e.getMessage().startsWith(f + ":" + jogLine + ": attribute value 'jog' is not in MAP.pbtxt"),
                e.getMessage());
        CvatImport.Result grown = CvatImport.toAva(doc, VIDEO, null,
                CvatImportOptions.forVideo("shop").withGrowLabelMap(true));
        assertEquals(List.of(new LabelMapEntry(1, "jog", null), new LabelMapEntry(2, "throw", null)),
                grown.labelMap().entries());
        // the one box (held to the end: keyframes 1, 2, 3) jogs and throws
        assertEquals(List.of(row(1, 0, 0, 0.1, 0.1, 1, 0), row(1, 0, 0, 0.1, 0.1, 2, 0),
                row(2, 0, 0, 0.1, 0.1, 1, 0), row(2, 0, 0, 0.1, 0.1, 2, 0),
                row(3, 0, 0, 0.1, 0.1, 1, 0), row(3, 0, 0, 0.1, 0.1, 2, 0)), grown.rows());
    }

    @Test
    void badFilesNameFileAndLine() throws IOException {
        Path bad = write("bad.xml", meta(PERSON_ATTRS) + "  <track id=\"0\" label=\"person\">\n    <box frame=\"0\"\n"
                + "</annotations>\n");
        AnnotationFormatException e = assertThrows(AnnotationFormatException.class, () -> CvatReader.read(bad));
        assertTrue(e.getMessage().startsWith(bad + ":" + e.line() + ": malformed XML"), e.getMessage());
        assertTrue(e.line() >= 30, e.getMessage());

        Path images = write("images.xml", "<?xml version=\"1.0\"?>\n<annotations>\n<version>1.1</version>\n"
                + "<image id=\"0\" name=\"a.jpg\" width=\"1\" height=\"1\"/>\n</annotations>\n");
        e = assertThrows(AnnotationFormatException.class, () -> CvatReader.read(images));
        assertEquals(4, e.line());
        assertTrue(e.getMessage().contains("CVAT for images"), e.getMessage());

        CvatDocument doc = CvatReader.read(write("ok.xml", everyFrame()));
        e = assertThrows(AnnotationFormatException.class, () -> CvatImport.toAva(doc, new CvatVideo(320, 240, 25,
                100), MAP, CvatImportOptions.forVideo("shop")));
        assertTrue(e.getMessage().contains("<original_size> is 640x480 but the video is 320x240"), e.getMessage());
        assertEquals(doc.sizeLine(), e.line());
        assertTrue(e.line() > 0);
    }
}
