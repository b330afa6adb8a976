package io.x3dava.backbone.check;

import io.x3dava.annotations.AtomicFiles;
import io.x3dava.annotations.json.Json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** check-charades' outputs: a table for people (one column per list, as check-ava's), JSON for scripts. */
public final class CharadesCheckTable {
    // the shared mapper, with paths written as plain strings for scripts
    private static final ObjectMapper JSON = Json.mapper().copy()
            .registerModule(new SimpleModule().addSerializer(Path.class, ToStringSerializer.instance));

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
        sb.append('\n');
        if (r.fine()) {
            sb.append(String.format(Locale.ROOT, "no problems found (%.1f s)%n", r.seconds()));
        } else {
            sb.append(String.format(Locale.ROOT, "%d problems (%.1f s):%n", r.problems().size(), r.seconds()));
            r.problems().forEach(p -> sb.append("  ").append(p).append('\n'));
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, String label, List<CharadesCheckReport.Split> splits,
                            Function<CharadesCheckReport.Split, String> cell) {
        sb.append(String.format("%-32s", label));
        splits.forEach(x -> sb.append(String.format(" %22s", cell.apply(x))));
        sb.append('\n');
    }

    public static void writeJson(CharadesCheckReport r, Path file) throws IOException {
        AtomicFiles.writeString(file, JSON.writeValueAsString(r));
    }
}
