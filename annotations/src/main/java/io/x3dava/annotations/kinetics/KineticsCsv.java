package io.x3dava.annotations.kinetics;

import io.x3dava.annotations.AnnotationFormatException;
import io.x3dava.annotations.AtomicFiles;
import io.x3dava.annotations.CsvFiles;
import io.x3dava.annotations.CsvRecord;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Kinetics {@code label,youtube_id,time_start,time_end,split} CSV (the test file may lack the label column). */
public final class KineticsCsv {
    public static final List<String> HEADER = List.of("label", "youtube_id", "time_start", "time_end", "split");
    private static final List<String> HEADER_NO_LABEL = HEADER.subList(1, HEADER.size());

    private KineticsCsv() {}

    public static List<KineticsClip> read(Path file) throws IOException {
        List<CsvRecord> all = CsvFiles.read(file);
        if (all.isEmpty()) {
            throw new AnnotationFormatException(file, 0, "file is empty; expected the header " + String.join(",", HEADER));
        }
        List<String> header = all.get(0).fields().stream().map(String::trim).toList();
        boolean labelled = header.equals(HEADER);
        if (!labelled && !header.equals(HEADER_NO_LABEL)) {
            throw all.get(0).error("expected the header " + String.join(",", HEADER) + " (or without label), got "
                    + String.join(",", header));
        }
        int off = labelled ? 1 : 0;
        List<KineticsClip> out = new ArrayList<>();
        for (CsvRecord r : all.subList(1, all.size())) {
            if (r.size() != header.size()) {
                throw r.error("expected " + header.size() + " columns (" + String.join(",", header) + "), got " + r.size());
            }
            String label = labelled ? r.get(0).trim() : null;
            if (labelled && label.isEmpty()) {
                throw r.error("label: expected a class name, got an empty field");
            }
            String yt = r.get(off).trim();
            if (yt.isEmpty()) {
                throw r.error("youtube_id: expected an id, got an empty field");
            }
            int start = r.parseInt(off + 1, "time_start");
            int end = r.parseInt(off + 2, "time_end");
            if (end < start || start < 0) {
                throw r.error("expected 0 <= time_start <= time_end, got " + start + ", " + end);
            }
            out.add(new KineticsClip(label, yt, start, end, r.get(off + 3).trim()));
        }
        return out;
    }

    public static void write(Path file, List<KineticsClip> clips) throws IOException {
        boolean labelled = clips.stream().allMatch(c -> c.label() != null);
        AtomicFiles.writeText(file, w -> {
            w.write(CsvFiles.line(labelled ? HEADER : HEADER_NO_LABEL));
            for (KineticsClip c : clips) {
                List<String> f = new ArrayList<>();
                if (labelled) {
                    f.add(c.label());
                }
                f.add(c.youtubeId());
                f.add(Integer.toString(c.timeStart()));
                f.add(Integer.toString(c.timeEnd()));
                f.add(c.split());
                w.write(CsvFiles.line(f));
            }
        });
    }
}
