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

/** The layout the data checkers (check-ava, check-charades) share: one column per list, a problems footer, JSON. */
public final class CheckTables {
    // the shared mapper, with paths written as plain strings (not file: URIs) for scripts
    private static final ObjectMapper JSON = Json.mapper().copy()
            .registerModule(new SimpleModule().addSerializer(Path.class, ToStringSerializer.instance));

    private CheckTables() {
    }

    /** One table row: the label, then the cell of each split. */
    public static <S> void row(StringBuilder sb, String label, List<S> splits, Function<S, String> cell) {
        sb.append(String.format("%-32s", label));
        splits.forEach(x -> sb.append(String.format(" %22s", cell.apply(x))));
        sb.append('\n');
    }

    /** "no problems found", or the problems one per line, with the time the check took. */
    public static void problems(StringBuilder sb, List<String> problems, double seconds) {
        sb.append('\n');
        if (problems.isEmpty()) {
            sb.append(String.format(Locale.ROOT, "no problems found (%.1f s)%n", seconds));
        } else {
            sb.append(String.format(Locale.ROOT, "%d problems (%.1f s):%n", problems.size(), seconds));
            problems.forEach(p -> sb.append("  ").append(p).append('\n'));
        }
    }

    public static void writeJson(Object report, Path file) throws IOException {
        AtomicFiles.writeString(file, JSON.writeValueAsString(report));
    }
}
