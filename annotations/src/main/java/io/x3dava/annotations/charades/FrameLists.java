package io.x3dava.annotations.charades;

import io.x3dava.annotations.AnnotationFormatException;
import io.x3dava.annotations.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * SlowFast's frame lists (Charades / AVA {@code frame_lists/train.csv}): a header
 * {@code original_vido_id video_id frame_id path labels} (sic) then space-separated rows; labels are
 * {@code "1,23"} or {@code ""}.
 */
public final class FrameLists {
    public static final String HEADER = "original_vido_id video_id frame_id path labels";

    private FrameLists() {}

    public static List<FrameListEntry> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new AnnotationFormatException(file, 0, "file not found (expected a frame list)");
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).trim().split("\\s+")[0].equals("original_vido_id")) {
            throw new AnnotationFormatException(file, 1, "expected the header '" + HEADER + "'");
        }
        List<FrameListEntry> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] t = line.split("\\s+");
            if (t.length != 5 && t.length != 4) {
                throw new AnnotationFormatException(file, i + 1,
                        "expected 5 space-separated columns (" + HEADER + "), got " + t.length);
            }
            int vidx;
            int frame;
            try {
                vidx = Integer.parseInt(t[1]);
                frame = Integer.parseInt(t[2]);
            } catch (NumberFormatException e) {
                throw new AnnotationFormatException(file, i + 1, "video_id and frame_id must be integers, got '"
                        + t[1] + "' and '" + t[2] + "'");
            }
            List<Integer> labels = new ArrayList<>();
            String raw = t.length == 5 ? t[4].replace("\"", "") : "";
            if (!raw.isEmpty()) {
                for (String l : raw.split(",")) {
                    try {
                        labels.add(Integer.parseInt(l.trim()));
                    } catch (NumberFormatException e) {
                        throw new AnnotationFormatException(file, i + 1, "labels: expected comma-separated integers, got '" + raw + "'");
                    }
                }
            }
            out.add(new FrameListEntry(t[0], vidx, frame, t[3], labels));
        }
        return out;
    }

    public static void write(Path file, List<FrameListEntry> entries) throws IOException {
        AtomicFiles.writeText(file, w -> {
            w.write(HEADER + "\n");
            for (FrameListEntry e : entries) {
                w.write(e.originalVideoId() + " " + e.videoIndex() + " " + e.frameId() + " " + e.path() + " \""
                        + e.labels().stream().map(String::valueOf).collect(Collectors.joining(",")) + "\"\n");
            }
        });
    }
}
