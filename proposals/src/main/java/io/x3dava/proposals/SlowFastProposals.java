package io.x3dava.proposals;

import io.x3dava.annotations.AnnotationFormatException;
import io.x3dava.annotations.ava.AvaProposalRow;
import io.x3dava.annotations.ava.AvaCsv;
import io.x3dava.annotations.ava.AvaBox;
import io.x3dava.annotations.ava.Keyframe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SlowFast's person proposal files, {@code ava_detection_{train,val}_boxes_and_labels*.csv}:
 * {@code video_id,timestamp,x1,y1,x2,y2,action,score} with normalized coordinates; the action column is empty, -1
 * or an action id (training files repeat a box once per label), the detector score is column 8.
 */
public final class SlowFastProposals {
    private SlowFastProposals() {
    }

    /**
     * Reads the file with the AVA CSV codec ({@link AvaCsv#readProposals}), merges repeated boxes of a keyframe into
     * one (max score: training files repeat a box once per label) and keeps those with score >= {@code minScore}
     * ({@link InferenceBoxes#SCORE_THRESHOLD} at inference). A malformed row is an {@link AnnotationFormatException}
     * naming file and line.
     */
    public static ProposalSet read(Path csv, double minScore) throws IOException {
        if (!Files.isRegularFile(csv)) {
            throw new AnnotationFormatException(csv, 0, "file not found (expected a SlowFast proposals CSV)");
        }
        // keyframe -> box -> best score; LinkedHashMap keeps file order for reproducible output
        Map<Keyframe, LinkedHashMap<AvaBox, Double>> best = new LinkedHashMap<>();
        for (AvaProposalRow r : AvaCsv.readProposals(csv)) {
            best.computeIfAbsent(r.keyframe(), k -> new LinkedHashMap<>()).merge(r.box(), r.score(), Math::max);
        }
        List<PersonBox> kept = new ArrayList<>();
        best.forEach((kf, boxes) -> boxes.forEach((box, score) -> {
            if (score >= minScore) {
                kept.add(new PersonBox(kf, box, score));
            }
        }));
        return ProposalSet.of(kept);
    }

    /** Writes boxes in the same format (empty action column), atomically; keyframes in order. */
    public static void write(Path csv, ProposalSet proposals) throws IOException {
        List<AvaProposalRow> rows = new ArrayList<>();
        for (PersonBox p : proposals.all()) {
            rows.add(new AvaProposalRow(p.keyframe(), p.box(), 0, p.score()));
        }
        AvaCsv.writeProposals(csv, rows);
    }
}
