package io.x3dava.annotations.ava;

import io.x3dava.annotations.AnnotationFormatException;
import io.x3dava.annotations.AtomicFiles;
import io.x3dava.annotations.CsvFiles;
import io.x3dava.annotations.CsvBytes;

import java.io.IOException;
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
        final CsvBytes f;
        final Map<String, String> videoIds = new HashMap<>();
        final DuplicateCheck duplicates;

        RowParser(Path file, CsvBytes f) {
            this.file = file;
            this.f = f;
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
            return AvaCsv.coordinate(f, col, name);
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
            add(rowHash(kf.videoId(), kf.timestamp(), box.x1(), box.y1(), box.x2(), box.y2(), action, person), line);
        }

        void add(long h, int line) throws AnnotationFormatException {
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

        static long rowHash(String videoId, int timestamp, double x1, double y1, double x2, double y2, int action,
                int person) {
            return withAction(boxHash(videoId, timestamp, x1, y1, x2, y2), action, person);
        }

        /** The part of {@link #rowHash} that rows of one box share (computed once per box). */
        static long boxHash(String videoId, int timestamp, double x1, double y1, double x2, double y2) {
            long h = mix(videoId.hashCode());
            h = mix(h ^ timestamp);
            h = mix(h ^ Double.doubleToLongBits(x1));
            h = mix(h ^ Double.doubleToLongBits(y1));
            h = mix(h ^ Double.doubleToLongBits(x2));
            return mix(h ^ Double.doubleToLongBits(y2));
        }

        static long withAction(long boxHash, int action, int person) {
            long h = mix(boxHash ^ ((long) action << 32 | (person & 0xffffffffL)));
            return h == 0 ? 1 : h;
        }

        private static long mix(long z) {
            z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
            z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
            return z ^ (z >>> 33);
        }
    }

    private static double coordinate(CsvBytes f, int col, String name) throws AnnotationFormatException {
        double v = f.parseDouble(col, name);
        if (v < 0.0 || v > 1.0) {
            throw f.error("column " + (col + 1) + " (" + name + "): expected a normalized coordinate in [0,1], got " + v);
        }
        return v;
    }

    /**
     * Duplicate rows of a detections file checked per run of rows of one keyframe, so that memory stays that of one
     * keyframe (files are written keyframe by keyframe). When a keyframe comes back after another one, the file is not
     * grouped and {@link #interleaved()} asks the caller for an exact second pass over the whole file.
     */
    private static final class KeyframeRunCheck {
        private final Path file;
        private long[] hashes = new long[1 << 10];
        private int[] lines = new int[1 << 10];
        private int[] stamps = new int[1 << 10];
        private int generation = 1;
        private int size;
        private String video;
        private int timestamp;
        private boolean interleaved;
        private final java.util.Set<Keyframe> finished = new java.util.HashSet<>();

        KeyframeRunCheck(Path file) {
            this.file = file;
        }

        boolean interleaved() {
            return interleaved;
        }

        void add(String vid, int ts, long h, int line) throws AnnotationFormatException {
            if (interleaved) {
                return;
            }
            if (vid != video || ts != timestamp) {
                if (video != null) {
                    finished.add(new Keyframe(video, timestamp));
                }
                if (finished.contains(new Keyframe(vid, ts))) {
                    interleaved = true;
                    return;
                }
                video = vid;
                timestamp = ts;
                generation++;
                size = 0;
            }
            if ((size + 1) * 2 > hashes.length) {
                grow();
            }
            int mask = hashes.length - 1;
            int i = (int) (h & mask);
            while (stamps[i] == generation) {
                if (hashes[i] == h) {
                    throw new AnnotationFormatException(file, line,
                            "duplicate row: same video, timestamp, box and action as line " + lines[i]
                                    + " (expected each detection once)");
                }
                i = (i + 1) & mask;
            }
            stamps[i] = generation;
            hashes[i] = h;
            lines[i] = line;
            size++;
        }

        private void grow() {
            long[] oldH = hashes;
            int[] oldL = lines;
            int[] oldS = stamps;
            hashes = new long[oldH.length * 2];
            lines = new int[oldH.length * 2];
            stamps = new int[oldH.length * 2];
            int mask = hashes.length - 1;
            for (int j = 0; j < oldH.length; j++) {
                if (oldS[j] == generation) {
                    int i = (int) (oldH[j] & mask);
                    while (stamps[i] == generation) {
                        i = (i + 1) & mask;
                    }
                    stamps[i] = generation;
                    hashes[i] = oldH[j];
                    lines[i] = oldL[j];
                }
            }
        }
    }

    /**
     * Receives detection rows as primitives (no object per row). Rows of one video share one {@code videoId} instance,
     * so a receiver can compare ids by reference.
     */
    @FunctionalInterface
    public interface DetectionSink {
        void accept(String videoId, int timestamp, double x1, double y1, double x2, double y2, int actionId, double score)
                throws IOException;
    }

    /**
     * Reads a detections file (8 columns, the 8th the score) with the checks of {@link #readDetections(Path)}, row by
     * row into {@code sink}, without building objects per row: the path for files of millions of rows.
     */
    public static void scanDetections(Path file, DetectionSink sink) throws IOException {
        int rows = 0;
        KeyframeRunCheck runs = new KeyframeRunCheck(file);
        try (CsvBytes f = CsvBytes.open(file, 8)) {
            Map<String, String> ids = new HashMap<>();
            String lastVid = null;
            byte[] lastBytes = new byte[0];
            // a detector writes one row per class for the same box: the box columns are parsed once per box
            byte[] boxBytes = new byte[256];
            int boxLen = -1;
            String boxVid = null;
            int boxTs = 0;
            double x1 = 0;
            double y1 = 0;
            double x2 = 0;
            double y2 = 0;
            long boxHash = 0;
            while (f.next()) {
                rows++;
                if (f.count() != 8) {
                    throw f.error("expected 8 columns (video_id,timestamp,x1,y1,x2,y2,action_id,score), got "
                            + (f.count() > 8 ? "more than 8" : String.valueOf(f.count())));
                }
                String vid;
                if (lastVid != null && f.fieldEquals(0, lastBytes, lastBytes.length)) {
                    vid = lastVid;
                } else {
                    vid = f.text(0);
                    if (vid.isEmpty()) {
                        throw f.error("column 1 (video_id): expected a video id, got an empty field");
                    }
                    vid = ids.computeIfAbsent(vid, v -> v);
                    lastVid = vid;
                    lastBytes = f.fieldBytes(0);
                }
                int ts = f.parseIntegral(1, "timestamp");
                if (boxLen < 0 || vid != boxVid || ts != boxTs || !f.fieldsEqual(2, 5, boxBytes, boxLen)) {
                    x1 = coordinate(f, 2, "x1");
                    y1 = coordinate(f, 3, "y1");
                    x2 = coordinate(f, 4, "x2");
                    y2 = coordinate(f, 5, "y2");
                    boxHash = DuplicateCheck.boxHash(vid, ts, x1, y1, x2, y2);
                    boxLen = f.packFields(2, 5, boxBytes);
                    boxVid = vid;
                    boxTs = ts;
                }
                int action = f.parseInt(6, "action_id");
                if (action <= 0) {
                    throw f.error("column 7 (action_id): expected a positive action id, got " + action);
                }
                double score = f.parseDouble(7, "score");
                runs.add(vid, ts, DuplicateCheck.withAction(boxHash, action, -1), f.lineNumber());
                sink.accept(vid, ts, x1, y1, x2, y2, action, score);
            }
        }
        if (rows == 0) {
            throw new AnnotationFormatException(file, 0, "file is empty; expected AVA CSV rows");
        }
        if (runs.interleaved()) {
            // keyframes are not grouped: check duplicates over the whole file (exact, with a table of all rows)
            readLines(file, p -> {
                Keyframe kf = p.keyframe();
                p.duplicates.add(kf, p.box(false), p.f.parseInt(6, "action_id"), -1, p.f.lineNumber());
            });
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
        int rows = 0;
        try (CsvBytes in = CsvBytes.open(file, 8)) {
            RowParser p = new RowParser(file, in);
            while (in.next()) {
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
        Keyframe[] last = new Keyframe[1];
        scanDetections(file, (vid, ts, x1, y1, x2, y2, action, score) -> {
            Keyframe kf = last[0];
            if (kf == null || kf.videoId() != vid || kf.timestamp() != ts) {
                kf = new Keyframe(vid, ts);
                last[0] = kf;
            }
            sink.accept(new AvaDetectionRow(kf, new AvaBox(x1, y1, x2, y2), action, score));
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
            // no duplicate check: proposal files are detector output, and a repeated box is merged by its readers
            out.add(new AvaProposalRow(kf, box, action, score));
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
