package io.x3dava.annotations.charades;

import io.x3dava.annotations.AnnotationFormatException;
import io.x3dava.annotations.AtomicFiles;
import io.x3dava.annotations.CsvFiles;
import io.x3dava.annotations.CsvRecord;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Charades_v1_train.csv / Charades_v1_test.csv (RFC 4180, quoted descriptions may span lines). */
public final class CharadesCsv {
    public static final List<String> HEADER = List.of("id", "subject", "scene", "quality", "relevance", "verified",
            "script", "objects", "descriptions", "actions", "length");
    /** Charades v1 has 157 action classes c000..c156. */
    public static final int NUM_CLASSES = 157;

    private CharadesCsv() {}

    public static List<CharadesVideo> read(Path file) throws IOException {
        List<CharadesVideo> out = new ArrayList<>();
        for (CsvRecord r : CsvFiles.readWithHeader(file, HEADER)) {
            String id = r.get(0).trim();
            if (id.isEmpty()) {
                throw r.error("id: expected a video id, got an empty field");
            }
            double length = r.get(10).isBlank() ? 0.0 : r.parseDouble(10, "length");
            out.add(new CharadesVideo(id, r.get(1), r.get(2), r.get(3), r.get(4), r.get(5), r.get(6), r.get(7), r.get(8),
                    parseActions(r, r.get(9)), length));
        }
        return out;
    }

    /** {@code c092 11.90 21.20;c147 0.00 12.60}, or empty. */
    static List<CharadesAction> parseActions(CsvRecord r, String field) throws AnnotationFormatException {
        List<CharadesAction> out = new ArrayList<>();
        if (field.isBlank()) {
            return out;
        }
        for (String part : field.split(";")) {
            String[] t = part.trim().split("\\s+");
            if (t.length != 3 || !t[0].matches("c\\d{3}")) {
                throw r.error("actions: expected 'cNNN start end' items separated by ';', got '" + part.trim() + "'");
            }
            int cls = Integer.parseInt(t[0].substring(1));
            if (cls >= NUM_CLASSES) {
                throw r.error("actions: class " + t[0] + " is outside c000..c156");
            }
            double start;
            double end;
            try {
                start = Double.parseDouble(t[1]);
                end = Double.parseDouble(t[2]);
            } catch (NumberFormatException e) {
                throw r.error("actions: expected start and end seconds in '" + part.trim() + "'");
            }
            if (!(end >= start) || start < 0) {
                throw r.error("actions: expected 0 <= start <= end in '" + part.trim() + "'");
            }
            out.add(new CharadesAction(cls, start, end));
        }
        return out;
    }

    static String formatActions(List<CharadesAction> actions) {
        StringBuilder sb = new StringBuilder();
        for (CharadesAction a : actions) {
            if (sb.length() > 0) {
                sb.append(';');
            }
            sb.append(String.format("c%03d", a.classIndex())).append(' ').append(CsvFiles.number(a.start()))
                    .append(' ').append(CsvFiles.number(a.end()));
        }
        return sb.toString();
    }

    public static void write(Path file, List<CharadesVideo> videos) throws IOException {
        AtomicFiles.writeText(file, w -> {
            w.write(CsvFiles.line(HEADER));
            for (CharadesVideo v : videos) {
                w.write(CsvFiles.line(List.of(v.id(), v.subject(), v.scene(), v.quality(), v.relevance(), v.verified(),
                        v.script(), v.objects(), v.descriptions(), formatActions(v.actions()), CsvFiles.number(v.length()))));
            }
        });
    }
}
