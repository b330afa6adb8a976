package io.x3dava.eval.ava;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.x3dava.annotations.AtomicFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** Renders an AVA result as an aligned text table and as JSON (NaN = no ground truth becomes null). */
public final class AvaReport {
    /** Built on first use: printing the table alone does not load Jackson. */
    private static final class Json {
        static final ObjectMapper MAPPER = io.x3dava.annotations.json.Json.mapper();
    }

    private AvaReport() {}

    private static String ap(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
    }

    public static String table(AvaEvaluationResult r) {
        int width = "class".length();
        for (ClassResult c : r.classes()) {
            width = Math.max(width, c.name().length());
        }
        StringBuilder sb = new StringBuilder();
        sb.append("AVA frame-mAP@0.5IOU, protocol ").append(r.protocol().name().toLowerCase(Locale.ROOT))
                .append(" (").append(r.protocol().description()).append(")\n");
        String fmt = "%4s  %-" + width + "s  %8s  %-15s  %8s  %10s%n";
        sb.append(String.format(Locale.ROOT, fmt, "id", "class", "AP", "AP over ties", "GT boxes", "detections"));
        for (ClassResult c : r.classes()) {
            String band = Double.isNaN(c.ap()) || c.apLowest() == c.apHighest() ? ""
                    : ap(c.apLowest()) + ".." + ap(c.apHighest());
            sb.append(String.format(Locale.ROOT, fmt, c.id(), c.name(), ap(c.ap()), band, c.groundTruthBoxes(),
                    c.detections()));
        }
        sb.append(String.format(Locale.ROOT, "mAP = %.6f over %d classes with ground truth "
                        + "(%d GT keyframes, %d detection keyframes, %d detections evaluated)%n",
                r.meanAp(), r.classes().stream().filter(c -> !Double.isNaN(c.ap())).count(), r.groundTruthKeyframes(),
                r.detectionKeyframes(), r.detectionsEvaluated()));
        if (r.mixedTieDetections() > 0) {
            sb.append(String.format(Locale.ROOT, "tied scores: mAP between %.6f and %.6f over all orders of tied scores "
                    + "(%d detections sit in groups of equal scores that mix TPs and FPs)%n",
                    r.meanApLowest(), r.meanApHighest(), r.mixedTieDetections()));
        } else {
            sb.append("tied scores: no group of equal scores mixes TPs and FPs, the mAP does not depend on tie order\n");
        }
        if (r.groundTruthRowsIgnored() > 0 || r.detectionRowsIgnored() > 0) {
            sb.append(String.format(Locale.ROOT, "note: %d ground-truth and %d detection rows have actions outside the "
                    + "label map and were ignored (as the official evaluator does)%n",
                    r.groundTruthRowsIgnored(), r.detectionRowsIgnored()));
        }
        return sb.toString();
    }

    public static ObjectNode json(AvaEvaluationResult r) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("protocol", r.protocol().name().toLowerCase(Locale.ROOT));
        root.put("protocol_description", r.protocol().description());
        putNumber(root, "mAP", r.meanAp());
        putNumber(root, "mAP_lowest_over_ties", r.meanApLowest());
        putNumber(root, "mAP_highest_over_ties", r.meanApHighest());
        root.put("detections_in_mixed_tie_groups", r.mixedTieDetections());
        ObjectNode perClass = root.putObject("per_class_AP");
        ArrayNode classes = root.putArray("classes");
        for (ClassResult c : r.classes()) {
            putNumber(perClass, c.name(), c.ap());
            ObjectNode o = classes.addObject();
            o.put("id", c.id());
            o.put("name", c.name());
            putNumber(o, "AP", c.ap());
            putNumber(o, "AP_lowest_over_ties", c.apLowest());
            putNumber(o, "AP_highest_over_ties", c.apHighest());
            o.put("detections_in_mixed_tie_groups", c.mixedTieDetections());
            o.put("groundtruth_boxes", c.groundTruthBoxes());
            o.put("detections", c.detections());
        }
        root.put("groundtruth_keyframes", r.groundTruthKeyframes());
        root.put("detection_keyframes", r.detectionKeyframes());
        root.put("detection_rows_read", r.detectionRowsRead());
        root.put("detections_evaluated", r.detectionsEvaluated());
        root.put("groundtruth_rows_outside_labelmap", r.groundTruthRowsIgnored());
        root.put("detection_rows_outside_labelmap", r.detectionRowsIgnored());
        ArrayNode warnings = root.putArray("warnings");
        r.warnings().forEach(warnings::add);
        return root;
    }

    public static void writeJson(AvaEvaluationResult r, Path file) throws IOException {
        AtomicFiles.writeString(file, Json.MAPPER.writeValueAsString(json(r)) + "\n");
    }

    private static void putNumber(ObjectNode o, String key, double v) {
        if (Double.isNaN(v)) {
            o.putNull(key);
        } else {
            o.put(key, v);
        }
    }
}
