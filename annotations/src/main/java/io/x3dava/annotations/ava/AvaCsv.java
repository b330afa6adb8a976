package io.x3dava.annotations.ava;

import io.x3dava.annotations.AnnotationFormatException;
import io.x3dava.annotations.AtomicFiles;
import io.x3dava.annotations.CsvFiles;
import io.x3dava.annotations.LineFields;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The AVA CSV files: {@code video_id,timestamp,x1,y1,x2,y2,action_id[,person_id|score]}, no header, normalized
 * coordinates. Every problem is reported with file and line; nothing is silently dropped or clamped.
 */
public final class AvaCsv {
    private AvaCsv() {}

    /** Parsed common columns of one row, reused across lines to keep reading allocation-light. */
    private static final class RowParser {
        final Path file;
        final LineFields f;
        final Map<String, String> videoIds = new HashMap<>();
        final DuplicateCheck duplicates;

        RowParser(Path file) {
            this.file = file;
            this.f = new LineFields(file, ',', 8);
            this.duplicates = new DuplicateCheck(file);
        }

        Keyframe keyframe() throws AnnotationFormatException {
            String vid = f.text(0);
            if (vid.isEmpty()) {
                throw f.error("column 1 (video_id): expected a video id, got an empty field");
            }
            // one String per video id: millions of rows share a few hundred ids
            vid = videoIds.computeIfAbsent(vid, v -> v);
            return new Keyframe(vid, f.parseIntegral(1, "timestamp"));
        }

        AvaBox box() throws AnnotationFormatException {
            return box(true);
        }

        /**
         * @param ordered whether x1 <= x2 and y1 <= y2 is required. Detection files may hold inverted boxes: the
         *     official evaluator reads them and drops them as invalid, so they are kept for it to do the same.
         */
        AvaBox box(boolean ordered) throws AnnotationFormatException {
            double x1 = coordinate(2, "x1");
            double y1 = coordinate(3, "y1");
            double x2 = coordinate(4, "x2");
            double y2 = coordinate(5, "y2");
            if (ordered && x1 > x2) {
                throw f.error("box has x1 > x2 (" + x1 + " > " + x2 + "); expected x1 <= x2");
            }
            if (ordered && y1 > y2) {
                throw f.error("box has y1 > y2 (" + y1 + " > " + y2 + "); expected y1 <= y2");
            }
            return new AvaBox(x1, y1, x2, y2);
        }

        private double coordinate(int col, String name) throws AnnotationFormatException {
            double v = f.parseDouble(col, name);
            if (v < 0.0 || v > 1.0) {
                throw f.error("column " + (col + 1) + " (" + name + "): expected a normalized coordinate in [0,1], got " + v);
            }
            return v;
        }

        void columns(int min, int max, String format) throws AnnotationFormatException {
            int n = f.count();
            if (n < min || n > max) {
                throw f.error("expected " + (min == max ? String.valueOf(min) : min + " or " + max)
                        + " columns (" + format + "), got " + (n > max ? "more than " + max : String.valueOf(n)));
            }
        }
    }

    /**
     * Detects repeated rows by a 64-bit content hash in an open-addressing table, so that files of millions of rows
     * are checked without keeping the rows (a false alarm needs a 64-bit collision: ~1e-7 for a full AVA val file).
     */
    private static final class DuplicateCheck {
        private final Path file;
        private long[] hashes = new long[1 << 12];
        private int[] lines = new int[1 << 12];
        private int size;

        DuplicateCheck(Path file) {
            this.file = file;
        }

        void add(Keyframe kf, AvaBox box, int action, int person, int line) throws AnnotationFormatException {
            long h = mix(kf.videoId().hashCode());
            h = mix(h ^ kf.timestamp());
            h = mix(h ^ Double.doubleToLongBits(box.x1()));
            h = mix(h ^ Double.doubleToLongBits(box.y1()));
            h = mix(h ^ Double.doubleToLongBits(box.x2()));
            h = mix(h ^ Double.doubleToLongBits(box.y2()));
            h = mix(h ^ ((long) action << 32 | (person & 0xffffffffL)));
            if (h == 0) {
                h = 1;
            }
            int mask = hashes.length - 1;
            int i = (int) (h & mask);
            while (hashes[i] != 0) {
                if (hashes[i] == h) {
                    throw new AnnotationFormatException(file, line,
                            "duplicate row: same video, timestamp, box and action as line " + lines[i]
                                    + "; expected each row once");
                }
                i = (i + 1) & mask;
            }
            hashes[i] = h;
            lines[i] = line;
            if (++size * 2 > hashes.length) {
                grow();
            }
        }

        private void grow() {
            long[] oldH = hashes;
            int[] oldL = lines;
            hashes = new long[oldH.length * 2];
            lines = new int[oldH.length * 2];
            int mask = hashes.length - 1;
            for (int j = 0; j < oldH.length; j++) {
                if (oldH[j] != 0) {
                    int i = (int) (oldH[j] & mask);
                    while (hashes[i] != 0) {
                        i = (i + 1) & mask;
                    }
                    hashes[i] = oldH[j];
                    lines[i] = oldL[j];
                }
            }
        }

        private static long mix(long z) {
            z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
            z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
            return z ^ (z >>> 33);
        }
    }

    @FunctionalInterface
    private interface LineHandler {
        void accept(RowParser p) throws AnnotationFormatException;
    }

    private static void readLines(Path file, LineHandler handler) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new AnnotationFormatException(file, 0, "file not found (expected an AVA CSV file)");
        }
        RowParser p = new RowParser(file);
        int lineNo = 0;
        int rows = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                p.f.split(line, lineNo);
                handler.accept(p);
                rows++;
            }
        }
        if (rows == 0) {
            throw new AnnotationFormatException(file, 0, "file is empty; expected AVA CSV rows");
        }
    }

    /** Ground truth: 7 or 8 columns, the 8th being the person id. */
    public static List<AvaGroundTruthRow> readGroundTruth(Path file) throws IOException {
        List<AvaGroundTruthRow> out = new ArrayList<>();
        readLines(file, p -> {
            p.columns(7, 8, "video_id,timestamp,x1,y1,x2,y2,action_id[,person_id]");
            Keyframe kf = p.keyframe();
            AvaBox box = p.box();
            int action = p.f.parseInt(6, "action_id");
            if (action == 0 || action < -1) {
                throw p.f.error("column 7 (action_id): expected a positive action id or -1 (negative box), got " + action);
            }
            int person = p.f.count() == 8 && !p.f.isEmpty(7) ? p.f.parseIntegral(7, "person_id") : -1;
            AvaGroundTruthRow row = new AvaGroundTruthRow(kf, box, action, person);
            p.duplicates.add(kf, box, action, person, p.f.lineNumber());
            out.add(row);
        });
        return out;
    }

    /** Detections: 8 columns, the 8th being the score. Inverted boxes are kept (the evaluator drops them, as the official one). */
    public static List<AvaDetectionRow> readDetections(Path file) throws IOException {
        List<AvaDetectionRow> out = new ArrayList<>();
        readDetections(file, out::add);
        return out;
    }

    /** Streaming variant for very large files (a full AVA val run has ~3.4M rows). */
    public static void readDetections(Path file, Consumer<AvaDetectionRow> sink) throws IOException {
        readLines(file, p -> {
            p.columns(8, 8, "video_id,timestamp,x1,y1,x2,y2,action_id,score");
            Keyframe kf = p.keyframe();
            AvaBox box = p.box(false);
            int action = p.f.parseInt(6, "action_id");
            if (action <= 0) {
                throw p.f.error("column 7 (action_id): expected a positive action id, got " + action);
            }
            double score = p.f.parseDouble(7, "score");
            AvaDetectionRow row = new AvaDetectionRow(kf, box, action, score);
            p.duplicates.add(kf, box, action, -1, p.f.lineNumber());
            sink.accept(row);
        });
    }

    /**
     * Person proposals: SlowFast's {@code ava_detection_*_boxes_and_labels.csv} (empty action column, score in column 8),
     * also accepting rows with an action id (labelled variant); 7-column rows have score 1.
     */
    public static List<AvaProposalRow> readProposals(Path file) throws IOException {
        List<AvaProposalRow> out = new ArrayList<>();
        readLines(file, p -> {
            p.columns(7, 8, "video_id,timestamp,x1,y1,x2,y2,[action_id],score");
            Keyframe kf = p.keyframe();
            AvaBox box = p.box();
            int action = p.f.isEmpty(6) ? 0 : p.f.parseInt(6, "action_id");
            double score = p.f.count() == 8 ? p.f.parseDouble(7, "score") : 1.0;
            AvaProposalRow row = new AvaProposalRow(kf, box, action, score);
            p.duplicates.add(kf, box, action, -1, p.f.lineNumber());
            out.add(row);
        });
        return out;
    }

    private static String coords(AvaBox b) {
        return fmt(b.x1()) + "," + fmt(b.y1()) + "," + fmt(b.x2()) + "," + fmt(b.y2());
    }

    private static String fmt(double v) {
        return CsvFiles.number(v);
    }

    private static String ts(Keyframe k) {
        return String.format("%04d", k.timestamp());
    }

    public static void writeGroundTruth(Path file, List<AvaGroundTruthRow> rows) throws IOException {
        AtomicFiles.writeText(file, w -> {
            for (AvaGroundTruthRow r : rows) {
                w.write(r.keyframe().videoId() + "," + ts(r.keyframe()) + "," + coords(r.box()) + "," + r.actionId()
                        + (r.personId() >= 0 ? "," + r.personId() : "") + "\n");
            }
        });
    }

    public static void writeDetections(Path file, List<AvaDetectionRow> rows) throws IOException {
        AtomicFiles.writeText(file, w -> {
            for (AvaDetectionRow r : rows) {
                w.write(r.keyframe().videoId() + "," + ts(r.keyframe()) + "," + coords(r.box()) + "," + r.actionId()
                        + "," + fmt(r.score()) + "\n");
            }
        });
    }

    public static void writeProposals(Path file, List<AvaProposalRow> rows) throws IOException {
        AtomicFiles.writeText(file, w -> {
            for (AvaProposalRow r : rows) {
                w.write(r.keyframe().videoId() + "," + ts(r.keyframe()) + "," + coords(r.box()) + ","
                        + (r.actionId() > 0 ? Integer.toString(r.actionId()) : "") + "," + fmt(r.score()) + "\n");
            }
        });
    }
}
