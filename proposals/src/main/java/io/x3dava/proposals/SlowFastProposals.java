package io.x3dava.proposals;

import io.x3dava.annotations.AnnotationFormatException;
import io.x3dava.annotations.AtomicFiles;
import io.x3dava.annotations.CsvFiles;
import io.x3dava.annotations.LineFields;
import io.x3dava.annotations.ava.AvaBox;
import io.x3dava.annotations.ava.Keyframe;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SlowFast's person proposal files, {@code ava_detection_{train,val}_boxes_and_labels*.csv}:
 * {@code video_id,timestamp,x1,y1,x2,y2,action,score} with normalized coordinates; the action column is empty, -1
 * or an action id (training files repeat a box once per label), the detector score is column 8.
 */
public final class SlowFastProposals {
    /** Paper section 5: person boxes with score >= 0.8 are used at inference. */
    public static final double DEFAULT_INFERENCE_THRESHOLD = 0.8;

    private SlowFastProposals() {
    }

    /**
     * Reads the file, merges repeated boxes of a keyframe into one (max score) and keeps those with
     * score >= {@code minScore}. Any malformed row is an {@link AnnotationFormatException} naming file and line.
     */
    public static ProposalSet read(Path csv, double minScore) throws IOException {
        if (!Files.isRegularFile(csv)) {
            throw new AnnotationFormatException(csv, 0, "file not found (expected a SlowFast proposals CSV)");
        }
        // keyframe -> box -> best score; LinkedHashMap keeps file order for reproducible output
        Map<Keyframe, LinkedHashMap<AvaBox, Double>> best = new LinkedHashMap<>();
        Map<String, String> videoIds = new HashMap<>();
        LineFields f = new LineFields(csv, ',', 8);
        int lineNo = 0;
        try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                f.split(line, lineNo);
                if (f.count() != 8) {
                    throw f.error("expected 8 columns (video_id,timestamp,x1,y1,x2,y2,action,score), got "
                            + (f.count() > 8 ? "more than 8" : String.valueOf(f.count())));
                }
                String vid = f.text(0);
                if (vid.isEmpty()) {
                    throw f.error("column 1 (video_id): expected a video id, got an empty field");
                }
                Keyframe kf = new Keyframe(videoIds.computeIfAbsent(vid, v -> v), f.parseIntegral(1, "timestamp"));
                AvaBox box = box(f);
                if (!f.isEmpty(6)) {
                    int action = f.parseInt(6, "action");
                    if (action == 0 || action < -1) {
                        throw f.error("column 7 (action): expected empty, -1 or a positive action id, got " + action);
                    }
                }
                double score = f.parseDouble(7, "score");
                best.computeIfAbsent(kf, k -> new LinkedHashMap<>()).merge(box, score, Math::max);
            }
        }
        List<PersonBox> kept = new ArrayList<>();
        best.forEach((kf, boxes) -> boxes.forEach((box, score) -> {
            if (score >= minScore) {
                kept.add(new PersonBox(kf, box, score));
            }
        }));
        return ProposalSet.of(kept);
    }

    private static AvaBox box(LineFields f) throws AnnotationFormatException {
        double[] c = new double[4];
        String[] names = {"x1", "y1", "x2", "y2"};
        for (int i = 0; i < 4; i++) {
            c[i] = f.parseDouble(2 + i, names[i]);
            if (c[i] < 0.0 || c[i] > 1.0) {
                throw f.error("column " + (3 + i) + " (" + names[i] + "): expected a normalized coordinate in [0,1], got "
                        + c[i]);
            }
        }
        if (c[0] > c[2] || c[1] > c[3]) {
            throw f.error("box (" + c[0] + "," + c[1] + "," + c[2] + "," + c[3] + ") has x1 > x2 or y1 > y2");
        }
        return new AvaBox(c[0], c[1], c[2], c[3]);
    }

    /** Writes boxes in the same format (empty action column), atomically; keyframes in order. */
    public static void write(Path csv, ProposalSet proposals) throws IOException {
        AtomicFiles.writeText(csv, w -> {
            for (PersonBox p : proposals.all()) {
                AvaBox b = p.box();
                w.write(p.keyframe().videoId() + "," + String.format("%04d", p.keyframe().timestamp()) + ","
                        + CsvFiles.number(b.x1()) + "," + CsvFiles.number(b.y1()) + "," + CsvFiles.number(b.x2()) + ","
                        + CsvFiles.number(b.y2()) + ",," + CsvFiles.number(p.score()) + "\n");
            }
        });
    }
}
