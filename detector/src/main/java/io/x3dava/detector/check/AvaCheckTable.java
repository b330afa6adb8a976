package io.x3dava.detector.check;

import static io.x3dava.backbone.check.CheckTables.row;

import io.x3dava.annotations.ava.LabelMap;
import io.x3dava.backbone.check.CheckTables;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/** check-ava's outputs: a table for people, JSON for scripts. */
public final class AvaCheckTable {
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
        CheckTables.problems(sb, r.problems(), r.seconds());
        return sb.toString();
    }

    public static void writeJson(AvaCheckReport r, Path file) throws IOException {
        CheckTables.writeJson(r, file);
    }
}
