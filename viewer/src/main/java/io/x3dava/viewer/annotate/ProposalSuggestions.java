package io.x3dava.viewer.annotate;

import io.x3dava.annotations.ava.AvaProposalRow;
import io.x3dava.viewer.VideoFrame;

import java.util.List;
import java.util.Set;

/** A SlowFast proposals CSV: the rows of this video at the keyframe scoring at least the threshold. */
final class ProposalSuggestions implements BoxSuggestions {
    private final List<AvaProposalRow> rows;
    private final String videoId;
    private final int offset;
    private final double minScore;

    ProposalSuggestions(List<AvaProposalRow> rows, String videoId, int offset, double minScore) {
        this.rows = rows.stream().filter(r -> r.keyframe().videoId().equals(videoId)).toList();
        this.videoId = videoId;
        this.offset = offset;
        this.minScore = minScore;
    }

    @Override
    public List<PersonLabel> at(int second, VideoFrame frame) {
        return rows.stream().filter(r -> r.keyframe().timestamp() == offset + second && r.score() >= minScore)
                .map(r -> new PersonLabel(-1, r.box(), Set.of())).toList();
    }

    @Override
    public String description() {
        return rows.size() + " proposals of " + videoId;
    }
}
