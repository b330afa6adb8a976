package io.x3dava.detector.check;

import io.x3dava.annotations.json.Json;
import io.x3dava.annotations.AtomicFiles;
import io.x3dava.annotations.ava.LabelMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.Function;

/** check-ava's outputs: a table for people, JSON for scripts. */
public final class AvaCheckTable {
    /** Paths as plain strings rather than file: URIs. */
    // the shared mapper, with paths written as plain strings for scripts
    private static final ObjectMapper JSON = Json.mapper().copy()
            .registerModule(new SimpleModule().addSerializer(Path.class, ToStringSerializer.instance));

    private AvaCheckTable() {
    }

    public static String table(AvaCheckReport r, LabelMap names) {
        StringBuilder sb = new StringBuilder();
        List<AvaCheckReport.Split> s = r.splits();
        row(sb, "", s, AvaCheckReport.Split::name);
        row(sb, "ground-truth rows / boxes", s, x -> x.found() ? x.rows() + " / " + x.boxes() : "missing");
        row(sb, "keyframes (outside 902-1798)", s, x -> x.keyframes() + " (" + x.keyframesOutsideRange() + ")");
        row(sb, "rows not evaluated / unknown", s, x -> x.rowsNotEvaluated() + " / " + x.rowsUnknownClass());
        row(sb, "videos present / listed", s, x -> x.videosPresent() + " / " + x.videosListed());
        row(sb, "videos with expected frames", s, x -> x.videos().stream().filter(
                AvaCheckReport.VideoFrames::complete).count() + " / " + x.videosListed());
        row(sb, "windows incomplete / checked", s, x -> x.windowsIncomplete() + " / " + x.windows());
        row(sb, "windows undecodable / decoded", s, x -> x.windowsUndecodable() + " / " + x.windowsDecoded());
        row(sb, "proposals >= threshold", s, x -> x.proposals().found()
                ? String.format(Locale.ROOT, "%d (%.1f/keyframe)", x.proposals().boxes(),
                x.proposals().boxesPerKeyframe()) : "missing");
        row(sb, "GT keyframes without proposals", s, x -> String.valueOf(x.proposals().gtKeyframesWithout()));
        row(sb, "recall IoU 0.5 / 0.9", s, x -> String.format(Locale.ROOT, "%.3f / %.3f",
                x.proposals().recall50(), x.proposals().recall90()));
        row(sb, "excluded timestamps (in GT)", s, x -> x.excludedTimestamps() + " (" + x.excludedInGroundTruth()
                + ")");
        TreeSet<Integer> ids = new TreeSet<>();
        s.forEach(x -> ids.addAll(x.rowsPerClass().keySet()));
        if (!ids.isEmpty()) {
            sb.append(String.format("%nboxes per class%n"));
            for (int id : ids) {
                String name = names != null && names.contains(id) ? names.name(id) : "(not in the label map)";
                row(sb, String.format(Locale.ROOT, "%3d %.26s", id, name), s,
                        x -> String.valueOf(x.rowsPerClass().getOrDefault(id, 0)));
            }
        }
        sb.append('\n');
        if (r.fine()) {
            sb.append(String.format(Locale.ROOT, "no problems found (%.1f s)%n", r.seconds()));
        } else {
            sb.append(String.format(Locale.ROOT, "%d problems (%.1f s):%n", r.problems().size(), r.seconds()));
            r.problems().forEach(p -> sb.append("  ").append(p).append('\n'));
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, String label, List<AvaCheckReport.Split> splits,
                            Function<AvaCheckReport.Split, String> cell) {
        List<String> cells = new ArrayList<>();
        splits.forEach(x -> cells.add(cell.apply(x)));
        sb.append(String.format("%-32s", label));
        cells.forEach(c -> sb.append(String.format(" %22s", c)));
        sb.append('\n');
    }

    public static void writeJson(AvaCheckReport r, Path file) throws IOException {
        AtomicFiles.writeString(file, JSON.writeValueAsString(r));
    }
}
