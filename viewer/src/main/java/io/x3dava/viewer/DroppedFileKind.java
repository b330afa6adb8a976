package io.x3dava.viewer;

import io.x3dava.backbone.video.VideoFiles;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** What a file dropped onto the window is, from its name and, for CSVs, its first row. */
public enum DroppedFileKind {
    VIDEO, DETECTIONS, GROUND_TRUTH, LABEL_MAP, EXCLUSIONS, TRACKS, UNKNOWN;

    public static DroppedFileKind of(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            return VIDEO; // a frame folder
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String ext = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
        if (VideoFiles.EXTENSIONS.contains(ext)) {
            return VIDEO;
        }
        if (ext.equals("pbtxt")) {
            return LABEL_MAP;
        }
        if (ext.equals("json")) {
            return TRACKS;
        }
        if (!ext.equals("csv")) {
            return UNKNOWN;
        }
        String first = firstRow(file);
        if (first == null) {
            return UNKNOWN;
        }
        String[] cols = first.split(",", -1);
        if (cols.length == 2) {
            return EXCLUSIONS;
        }
        if (cols.length == 7) {
            return GROUND_TRUTH;
        }
        // column 8 is a score (fraction) in detections and an integer person id in ground truth
        return cols.length == 8 && cols[7].trim().matches("-?\\d+") ? GROUND_TRUTH : cols.length == 8 ? DETECTIONS : UNKNOWN;
    }

    private static String firstRow(Path file) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    return line;
                }
            }
        }
        return null;
    }
}
