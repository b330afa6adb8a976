package io.x3dava.backbone.check;

import static io.x3dava.backbone.check.CheckTables.row;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** check-charades' outputs: a table for people (one column per list, as check-ava's), JSON for scripts. */
public final class CharadesCheckTable {
    private CharadesCheckTable() {
    }

    public static String table(CharadesCheckReport r) {
        StringBuilder sb = new StringBuilder();
        List<CharadesCheckReport.Split> s = r.splits();
        row(sb, "", s, x -> x.layout() + " " + x.name());
        row(sb, "list", s, x -> x.list().getFileName().toString());
        row(sb, "videos present / listed", s, x -> x.videosPresent() + " / " + x.videosListed());
        row(sb, "frames missing / listed", s, x -> x.framesMissing() + " / " + x.framesListed());
        row(sb, "videos with gaps", s, x -> String.valueOf(x.videosWithGaps()));
        row(sb, "frame files no row names", s, x -> String.valueOf(x.framesNotListed()));
        row(sb, "frames undecodable / decoded", s, x -> x.framesUndecodable() + " / " + x.framesDecoded());
        row(sb, "videos decoded", s, x -> String.valueOf(x.videosDecoded()));
        row(sb, "labels outside the " + r.classes() + " classes", s, x -> String.valueOf(x.labelsOutside()));
        CheckTables.problems(sb, r.problems(), r.seconds());
        return sb.toString();
    }

    public static void writeJson(CharadesCheckReport r, Path file) throws IOException {
        CheckTables.writeJson(r, file);
    }
}
