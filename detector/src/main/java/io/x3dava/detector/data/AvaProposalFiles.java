package io.x3dava.detector.data;

import io.x3dava.annotations.ava.AvaCsv;
import io.x3dava.annotations.ava.AvaProposalRow;
import io.x3dava.proposals.MmactionProposals;
import io.x3dava.proposals.ProposalSet;
import io.x3dava.proposals.SlowFastProposals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Person-box files of both tools: SlowFast's CSVs ({@code ava_detection_*_boxes_and_labels*.csv},
 * {@code ava_*_predicted_boxes.csv}) and MMAction2's pickles ({@code ava_dense_proposals_*.FAIR.recall_93.9.pkl}),
 * told apart by the extension.
 */
public final class AvaProposalFiles {

    private AvaProposalFiles() {
    }

    public static boolean isPickle(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".pkl");
    }

    /** Boxes with score >= minScore (repeated boxes of a CSV merged, max score). */
    public static ProposalSet read(Path file, double minScore) throws IOException {
        return isPickle(file) ? MmactionProposals.read(file, minScore) : SlowFastProposals.read(file, minScore);
    }

    /**
     * The rows of a CSV that carries labels, as PySlowFast's training lists do
     * ({@code ..._include_negative_v2.2.csv}: one row per label of a matched proposal, an empty or -1 action for a
     * negative box); empty when the file has no labelled row (plain proposals) or is a pickle.
     */
    public static List<AvaProposalRow> labelledRows(Path file) throws IOException {
        if (isPickle(file)) {
            return List.of();
        }
        List<AvaProposalRow> rows = AvaCsv.readProposals(file);
        return rows.stream().anyMatch(r -> r.actionId() > 0) ? rows : List.of();
    }
}
