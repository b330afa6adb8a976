package io.x3dava.annotations.kinetics;

import io.x3dava.annotations.AnnotationFormatException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * MMAction2's rawframe list ({@code kinetics400_train_list_rawframes.txt}, RawframeDataset): {@code <frame_dir>
 * <total_frames> <label>} per line, frame folders relative to the data prefix. The count says how many frames the
 * folder should hold, so a missing last frame is a gap, not a shorter video.
 */
public final class RawframeList {

    /** One row: a frame folder, its frame count and its class index. */
    public record Entry(String frameDir, long totalFrames, int label) {
    }

    private RawframeList() {
    }

    /** Whether the file's first non-empty line has the three columns of a rawframe list (two integers last). */
    public static boolean looksLike(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.map(String::strip).filter(l -> !l.isEmpty()).findFirst()
                    .map(l -> l.split("\\s+")).filter(t -> t.length == 3 && t[1].matches("\\d+")
                            && t[2].matches("\\d+")).isPresent();
        }
    }

    public static List<Entry> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new AnnotationFormatException(file, 0, "file not found (expected a 'frame_dir total_frames label' "
                    + "list)");
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] t = line.split("\\s+");
            if (t.length != 3) {
                throw new AnnotationFormatException(file, i + 1, "expected '<frame_dir> <total_frames> <label>', got '"
                        + line + "'");
            }
            try {
                long frames = Long.parseLong(t[1]);
                int label = Integer.parseInt(t[2]);
                if (frames < 1 || label < 0) {
                    throw new NumberFormatException();
                }
                out.add(new Entry(t[0], frames, label));
            } catch (NumberFormatException e) {
                throw new AnnotationFormatException(file, i + 1, "expected total_frames >= 1 and a label >= 0, got '"
                        + t[1] + "' and '" + t[2] + "'");
            }
        }
        if (out.isEmpty()) {
            throw new AnnotationFormatException(file, 0, "file is empty; expected '<frame_dir> <total_frames> <label>'"
                    + " lines");
        }
        return out;
    }
}
