package io.x3dava.annotations.kinetics;

import io.x3dava.annotations.AnnotationFormatException;
import io.x3dava.annotations.AtomicFiles;
import io.x3dava.annotations.LineLimit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** SlowFast's Kinetics list: {@code <path> <label index>} per line, separated by the last space (paths may hold spaces). */
public final class PathLabelList {
    private PathLabelList() {}

    public static List<PathLabel> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new AnnotationFormatException(file, 0, "file not found (expected a 'path label' list)");
        }
        List<String> lines = LineLimit.readString(file, "'<path> <label index>' lines").lines().toList();
        List<PathLabel> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            int sp = line.lastIndexOf(' ');
            if (sp <= 0) {
                throw new AnnotationFormatException(file, i + 1, "expected '<path> <label index>', got '" + line + "'");
            }
            String label = line.substring(sp + 1);
            try {
                int l = Integer.parseInt(label);
                if (l < 0) {
                    throw new NumberFormatException();
                }
                out.add(new PathLabel(line.substring(0, sp).strip(), l));
            } catch (NumberFormatException e) {
                throw new AnnotationFormatException(file, i + 1, "label: expected a non-negative integer, got '" + label + "'");
            }
        }
        if (out.isEmpty()) {
            throw new AnnotationFormatException(file, 0, "file is empty; expected '<path> <label index>' lines");
        }
        return out;
    }

    public static void write(Path file, List<PathLabel> rows) throws IOException {
        AtomicFiles.writeText(file, w -> {
            for (PathLabel r : rows) {
                w.write(r.path() + " " + r.label() + "\n");
            }
        });
    }
}
