package io.x3dava.annotations.ava;

import io.x3dava.annotations.AnnotationFormatException;
import io.x3dava.annotations.AtomicFiles;
import io.x3dava.annotations.FrameNumbering;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;


/**
 * PySlowFast's AVA frame lists {@code frame_lists/{train,val}.csv}: the header
 * {@code original_vido_id video_id frame_id path labels} (sic) then one space-separated row per frame, e.g.
 * {@code -5KQ66BBWC4 0 0 -5KQ66BBWC4/-5KQ66BBWC4_000001.jpg ""}. ava_helper.load_image_lists makes row i of a video
 * its frame index i. Read as a stream and summarised per video: the train list has about 6 million rows.
 */
public final class AvaFrameLists {
    public static final String HEADER = "original_vido_id video_id frame_id path labels";

    /**
     * One video of a list: its rows in file order.
     *
     * @param rows      frames listed (27,030 for a full cut)
     * @param firstPath path of its first row, relative to the frame folder
     * @param firstLine 1-based line of that row
     * @param regular   whether every row names frame {@code first + i} in the first row's numbering
     *                  ({@link FrameNumbering}), so that the video's frames are a file pattern and a count
     */
    public record Video(String videoId, int rows, String firstPath, String lastPath, int firstLine, boolean regular) {

        /** The numbering of the video's rows (meaningful when {@link #regular}). */
        public Optional<FrameNumbering> numbering() {
            return FrameNumbering.of(firstPath);
        }
    }

    private AvaFrameLists() {
    }

    /** Videos in the order of their first row. */
    public static LinkedHashMap<String, Video> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new AnnotationFormatException(file, 0, "file not found (expected a frame list " + HEADER + ")");
        }
        LinkedHashMap<String, Video> out = new LinkedHashMap<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null || !header.trim().startsWith("original_vido_id")) {
                throw new AnnotationFormatException(file, 1, "expected the header '" + HEADER + "'");
            }
            int lineNo = 1;
            String line;
            Map<String, Acc> acc = new LinkedHashMap<>();
            Acc current = null;
            int[] bounds = new int[12];
            while ((line = r.readLine()) != null) {
                lineNo++;
                int count = fields(line, bounds);
                if (count == 0) {
                    continue;
                }
                int[] at = bounds;
                // ava_helper.py asserts 5 columns; an empty label column is "" in PySlowFast's files
                if (count != 5 && count != 4) {
                    throw new AnnotationFormatException(file, lineNo,
                            "expected 5 space-separated columns (" + HEADER + "), got " + count);
                }
                if (current == null || !line.regionMatches(at[0], current.id, 0, current.id.length())
                        || at[1] - at[0] != current.id.length()) {
                    String id = line.substring(at[0], at[1]);
                    current = acc.computeIfAbsent(id, k -> new Acc(k));
                    if (current.rows == 0) {
                        current.first = line.substring(at[6], at[7]);
                        current.firstLine = lineNo;
                        current.numbering = FrameNumbering.of(current.first).orElse(null);
                        current.regular = current.numbering != null;
                    }
                }
                // ava_helper.load_image_lists appends each row to its video: row i is frame index i
                current.regular &= current.numbering != null
                        && current.numbering.names(line, at[6], at[7], current.rows);
                current.rows++;
                current.lastLine = line;
                current.lastStart = at[6];
                current.lastEnd = at[7];
            }
            for (Acc a : acc.values()) {
                out.put(a.id, new Video(a.id, a.rows, a.first, a.lastLine.substring(a.lastStart, a.lastEnd),
                        a.firstLine, a.regular));
            }
        }
        if (out.isEmpty()) {
            throw new AnnotationFormatException(file, 0, "frame list has no rows after the header");
        }
        return out;
    }

    /** Rows of one video while reading. */
    private static final class Acc {
        final String id;
        String first;
        String lastLine;
        int lastStart;
        int lastEnd;
        int rows;
        int firstLine;
        FrameNumbering numbering;
        boolean regular;

        Acc(String id) {
            this.id = id;
        }
    }

    /**
     * Start and end offsets of up to 6 whitespace-separated fields of a line in {@code bounds} (start, end pairs);
     * returns their number (0 for a blank line). No regular expression and no substring per field: the
     * train list has millions of rows.
     */
    private static int fields(String line, int[] bounds) {
        int n = 0;
        int i = 0;
        int len = line.length();
        while (i < len && n < 6) {
            while (i < len && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i >= len) {
                break;
            }
            bounds[2 * n] = i;
            while (i < len && !Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            bounds[2 * n + 1] = i;
            n++;
        }
        return n;
    }

    private static String[] tokens(String line) {
        int[] b = new int[12];
        int count = fields(line, b);
        if (count == 0) {
            return null;
        }
        String[] t = new String[count];
        for (int k = 0; k < count; k++) {
            t[k] = line.substring(b[2 * k], b[2 * k + 1]);
        }
        return t;
    }

    /**
     * The rows' paths of the given videos, in file order (for videos whose rows are not {@link Video#regular}: the
     * others are a pattern and a count, without a string per row).
     */
    public static Map<String, List<String>> paths(Path file, Set<String> videoIds) throws IOException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (videoIds.isEmpty()) {
            return out;
        }
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            r.readLine();
            String line;
            int[] bounds = new int[12];
            while ((line = r.readLine()) != null) {
                if (fields(line, bounds) >= 4) {
                    String id = line.substring(bounds[0], bounds[1]);
                    if (videoIds.contains(id)) {
                        out.computeIfAbsent(id, k -> new ArrayList<>()).add(line.substring(bounds[6], bounds[7]));
                    }
                }
            }
        }
        return out;
    }

    /** The first row's (video id, path), read without going through the file: enough to learn the naming. */
    public static Video first(Path file) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null || !header.trim().startsWith("original_vido_id")) {
                throw new AnnotationFormatException(file, 1, "expected the header '" + HEADER + "'");
            }
            String line = r.readLine();
            String[] t = line == null ? null : tokens(line);
            if (t == null) {
                t = new String[0];
            }
            if (t.length != 5 && t.length != 4) {
                throw new AnnotationFormatException(file, 2, "expected 5 space-separated columns (" + HEADER + ")");
            }
            return new Video(t[0], 1, t[3], t[3], 2, true);
        }
    }

    /**
     * Writes a list as PySlowFast's tools do: per video (numbered in order) one row per frame with
     * {@code path = String.format(template with {vid} replaced, frame number)}, frame numbers from 1.
     *
     * @param framesPerVideo video id -> frames in its folder
     * @param template       e.g. {@code {vid}/{vid}_%06d.jpg}
     */
    public static void write(Path file, LinkedHashMap<String, Integer> framesPerVideo, String template)
            throws IOException {
        AtomicFiles.writeText(file, w -> {
            w.write(HEADER + "\n");
            int index = 0;
            for (Map.Entry<String, Integer> e : framesPerVideo.entrySet()) {
                String pattern = template.replace("{vid}", e.getKey());
                for (int f = 0; f < e.getValue(); f++) {
                    w.write(e.getKey() + " " + index + " " + f + " "
                            + String.format(java.util.Locale.ROOT, pattern, f + AvaTime.FIRST_FRAME_NUMBER)
                            + " \"\"\n");
                }
                index++;
            }
        });
    }
}
