package io.x3dava.annotations.cvat;

import io.x3dava.annotations.AtomicFiles;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes a {@link CvatDocument} as "CVAT for video 1.1" XML (interpolation mode, one task over the whole video), the
 * file CVAT's "Upload annotations" accepts for a task made from the same video. Coordinates are written in full
 * precision so that reading them back gives the same numbers.
 */
public final class CvatWriter {
    private CvatWriter() {
    }

    public static void write(Path file, CvatDocument doc, CvatVideo video) throws IOException {
        AtomicFiles.writeText(file, w -> write(w, doc, video));
    }

    static void write(Writer w, CvatDocument doc, CvatVideo video) throws IOException {
        long stop = video.frameCount() - 1;
        w.write("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<annotations>\n  <version>1.1</version>\n  <meta>\n"
                + "    <task>\n      <id>0</id>\n      <name>" + esc(doc.name()) + "</name>\n      <size>"
                + video.frameCount() + "</size>\n      <mode>interpolation</mode>\n      <overlap>0</overlap>\n"
                + "      <bugtracker></bugtracker>\n      <flipped>False</flipped>\n      <start_frame>0</start_frame>\n"
                + "      <stop_frame>" + stop + "</stop_frame>\n      <frame_filter></frame_filter>\n      <labels>\n");
        for (Map.Entry<String, Map<String, CvatInputType>> label : doc.labels().entrySet()) {
            w.write("        <label>\n          <name>" + esc(label.getKey()) + "</name>\n          <type>rectangle</type>\n"
                    + "          <attributes>\n");
            for (Map.Entry<String, CvatInputType> a : label.getValue().entrySet()) {
                boolean checkbox = a.getValue() == CvatInputType.CHECKBOX;
                w.write("            <attribute>\n              <name>" + esc(a.getKey()) + "</name>\n"
                        + "              <mutable>True</mutable>\n              <input_type>" + a.getValue().xmlName()
                        + "</input_type>\n              <default_value>" + (checkbox ? "false" : "") + "</default_value>\n"
                        + "              <values>" + (checkbox ? "false" : "") + "</values>\n            </attribute>\n");
            }
            w.write("          </attributes>\n        </label>\n");
        }
        w.write("      </labels>\n      <segments>\n        <segment>\n          <id>0</id>\n          <start>0</start>\n"
                + "          <stop>" + stop + "</stop>\n          <url></url>\n        </segment>\n      </segments>\n"
                + "      <original_size>\n        <width>" + video.width() + "</width>\n        <height>" + video.height()
                + "</height>\n      </original_size>\n    </task>\n  </meta>\n");
        for (CvatTrack t : doc.tracks()) {
            w.write("  <track id=\"" + t.id() + "\" label=\"" + esc(t.label()) + "\" source=\"manual\">\n");
            for (CvatBox b : t.boxes()) {
                w.write("    <box frame=\"" + b.frame() + "\" keyframe=\"" + (b.keyframe() ? 1 : 0) + "\" outside=\""
                        + (b.outside() ? 1 : 0) + "\" occluded=\"" + (b.occluded() ? 1 : 0) + "\" xtl=\"" + b.xtl()
                        + "\" ytl=\"" + b.ytl() + "\" xbr=\"" + b.xbr() + "\" ybr=\"" + b.ybr() + "\" z_order=\"0\">\n");
                for (CvatAttribute a : b.attributes()) {
                    w.write("      <attribute name=\"" + esc(a.name()) + "\">" + esc(a.value()) + "</attribute>\n");
                }
                w.write("    </box>\n");
            }
            w.write("  </track>\n");
        }
        w.write("</annotations>\n");
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
