package io.x3dava.backbone.video;

import io.x3dava.annotations.FrameNumbering;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The frames of one video as its frame list names them (row i = frame index i). Rows that follow one numbering
 * ({@link FrameNumbering}, the usual case) are kept as a folder and file pattern, anything else as one path per row.
 *
 * @param folder      the frames' folder (regular rows)
 * @param pattern     file-name pattern with one integer conversion (regular rows), else null
 * @param firstNumber the first row's number (regular rows)
 * @param count       rows of the video
 * @param paths       one path per row when the rows are not regular, else empty
 */
public record ListedFrames(Path folder, String pattern, long firstNumber, int count, List<Path> paths) {

    public ListedFrames {
        paths = List.copyOf(paths);
    }

    /** The rows' paths (relative to {@code root}, as in the list), in list order. */
    public static ListedFrames of(Path root, List<String> rows) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("a video with no frame-list rows");
        }
        Optional<FrameNumbering> n = FrameNumbering.of(rows.get(0));
        boolean regular = n.isPresent();
        for (int i = 1; i < rows.size() && regular; i++) {
            regular = n.get().names(rows.get(i), i);
        }
        if (regular) {
            return regular(root, n.get(), rows.size());
        }
        List<Path> paths = new ArrayList<>(rows.size());
        rows.forEach(r -> paths.add(root.resolve(r)));
        return new ListedFrames(null, null, 0, rows.size(), paths);
    }

    /** Rows that follow {@code numbering} (paths relative to {@code root}), {@code count} of them. */
    public static ListedFrames regular(Path root, FrameNumbering numbering, int count) {
        return new ListedFrames(root.resolve(numbering.folder()), numbering.filePattern(), numbering.first(), count,
                List.of());
    }

    /** The folder of the frames (of the first row when the rows are not regular). */
    public Path videoFolder() {
        return pattern != null ? folder : paths.get(0).getParent();
    }

    public FrameFolderSource open(double fps, MissingFramePolicy policy) throws IOException {
        FrameFolderSource src = pattern != null
                ? FrameFolderSource.ofPattern(folder, pattern, Math.toIntExact(firstNumber), fps, count)
                : FrameFolderSource.ofList(paths, fps);
        return src.withPolicy(policy);
    }
}
