package io.x3dava.annotations.kinetics;

import io.x3dava.annotations.AnnotationFormatException;
import io.x3dava.annotations.AtomicFiles;
import io.x3dava.annotations.LineLimit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Kinetics class index = position of the class name in the sorted list of distinct names (as PySlowFast builds it). */
public final class KineticsClasses {
    private final List<String> names;
    private final Map<String, Integer> index = new HashMap<>();

    public KineticsClasses(Collection<String> names) {
        this.names = List.copyOf(new TreeSet<>(names));
        for (int i = 0; i < this.names.size(); i++) {
            index.put(this.names.get(i), i);
        }
    }

    public static KineticsClasses fromClips(List<KineticsClip> clips) {
        List<String> names = new ArrayList<>();
        for (KineticsClip c : clips) {
            if (c.label() != null) {
                names.add(c.label());
            }
        }
        return new KineticsClasses(names);
    }

    public int size() {
        return names.size();
    }

    public String name(int i) {
        return names.get(i);
    }

    public List<String> names() {
        return names;
    }

    public int indexOf(String name) {
        Integer i = index.get(name);
        if (i == null) {
            throw new IllegalArgumentException("unknown Kinetics class '" + name + "'");
        }
        return i;
    }

    /** One class name per line (a file written by {@link #write} or any list: it is sorted on reading). */
    public static KineticsClasses read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new AnnotationFormatException(file, 0, "file not found (expected a class list, one name per line)");
        }
        List<String> names = new ArrayList<>();
        List<String> lines = LineLimit.readString(file, "one class name per line").lines().toList();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String n = lines.get(i).strip();
            if (n.isEmpty()) {
                continue;
            }
            Integer prev = seen.put(n, i + 1);
            if (prev != null) {
                throw new AnnotationFormatException(file, i + 1, "duplicate class '" + n + "' (first at line " + prev + ")");
            }
            names.add(n);
        }
        if (names.isEmpty()) {
            throw new AnnotationFormatException(file, 0, "file is empty; expected class names");
        }
        return new KineticsClasses(names);
    }

    public void write(Path file) throws IOException {
        AtomicFiles.writeString(file, String.join("\n", names) + "\n");
    }
}
