package io.x3dava.proposals.detect;

import java.nio.file.Path;
import java.util.Locale;

/**
 * A parsed {@code --detector} value: {@code hog} (default), {@code zoo:NAME} (e.g. {@code zoo:yolov8n}),
 * {@code yolo:FILE} / {@code FILE.torchscript} (Ultralytics export) or {@code torchvision:FILE} / {@code FILE.pt}.
 *
 * @param name the zoo artifact name or the model file, null for HOG
 */
public record DetectorSpec(DetectorKind kind, String name) {
    public static final String HELP = "hog (built in), zoo:NAME (DJL PyTorch zoo, e.g. zoo:yolov8n),"
            + " yolo:FILE or FILE.torchscript (Ultralytics export), torchvision:FILE or FILE.pt (torch.jit.script)";

    public static DetectorSpec hog() {
        return new DetectorSpec(DetectorKind.HOG, null);
    }

    /** @throws IllegalArgumentException naming what was expected */
    public static DetectorSpec parse(String spec) {
        String s = spec.trim();
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.equals("hog")) {
            return hog();
        }
        int colon = s.indexOf(':');
        if (colon > 0) {
            String prefix = lower.substring(0, colon);
            String rest = s.substring(colon + 1).trim();
            if (rest.isEmpty()) {
                throw new IllegalArgumentException("--detector '" + spec + "': nothing after '" + prefix + ":'");
            }
            switch (prefix) {
                case "zoo":
                    return new DetectorSpec(DetectorKind.ZOO, rest);
                case "yolo":
                    return new DetectorSpec(DetectorKind.YOLO, rest);
                case "torchvision":
                    return new DetectorSpec(DetectorKind.TORCHVISION, rest);
                default:
                    break; // maybe a path with a colon; the extension decides
            }
        }
        if (lower.endsWith(".torchscript")) {
            return new DetectorSpec(DetectorKind.YOLO, s);
        }
        if (lower.endsWith(".pt") || lower.endsWith(".pth")) {
            return new DetectorSpec(DetectorKind.TORCHVISION, s);
        }
        throw new IllegalArgumentException("--detector '" + spec + "': expected " + HELP);
    }

    public Path file() {
        return Path.of(name);
    }

    @Override
    public String toString() {
        return name == null ? kind.name().toLowerCase(Locale.ROOT) : kind.name().toLowerCase(Locale.ROOT) + ":" + name;
    }
}
