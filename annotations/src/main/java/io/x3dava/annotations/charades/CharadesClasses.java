package io.x3dava.annotations.charades;

import io.x3dava.annotations.AnnotationFormatException;
import io.x3dava.annotations.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Charades_v1_classes.txt: {@code c000 Holding some clothes}, one class per line, in index order. */
public record CharadesClasses(List<String> names) {
    public CharadesClasses {
        names = List.copyOf(names);
    }

    public int size() {
        return names.size();
    }

    public String name(int index) {
        return names.get(index);
    }

    public static CharadesClasses read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new AnnotationFormatException(file, 0, "file not found (expected Charades_v1_classes.txt)");
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            int sp = line.indexOf(' ');
            String code = sp < 0 ? line : line.substring(0, sp);
            String expected = String.format("c%03d", names.size());
            if (!code.equals(expected) || sp < 0) {
                throw new AnnotationFormatException(file, i + 1, "expected '" + expected + " <class name>', got '" + line + "'");
            }
            names.add(line.substring(sp + 1).strip());
        }
        if (names.isEmpty()) {
            throw new AnnotationFormatException(file, 0, "file is empty; expected class lines 'c000 <name>'");
        }
        return new CharadesClasses(names);
    }

    public void write(Path file) throws IOException {
        AtomicFiles.writeText(file, w -> {
            for (int i = 0; i < names.size(); i++) {
                w.write(String.format("c%03d %s%n", i, names.get(i)));
            }
        });
    }
}
