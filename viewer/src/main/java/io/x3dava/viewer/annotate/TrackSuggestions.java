package io.x3dava.viewer.annotate;

import io.x3dava.annotations.ava.AvaBox;
import io.x3dava.proposals.track.TracksJson;
import io.x3dava.viewer.VideoFrame;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** detect-video's tracks.json: at each keyframe every track's box nearest in time (within half a second). */
final class TrackSuggestions implements BoxSuggestions {
    private static final double MAX_GAP = 0.5;
    private final TracksJson.Document tracks;

    TrackSuggestions(TracksJson.Document tracks) {
        this.tracks = tracks;
    }

    @Override
    public List<PersonLabel> at(int second, VideoFrame frame) {
        List<PersonLabel> out = new ArrayList<>();
        for (TracksJson.TrackDoc t : tracks.tracks()) {
            TracksJson.BoxDoc best = null;
            for (TracksJson.BoxDoc b : t.boxes()) {
                if (Math.abs(b.t() - second) <= MAX_GAP + 1e-9
                        && (best == null || Math.abs(b.t() - second) < Math.abs(best.t() - second))) {
                    best = b;
                }
            }
            if (best != null) {
                out.add(new PersonLabel(t.id(), new AvaBox(best.x1(), best.y1(), best.x2(), best.y2()), Set.of()));
            }
        }
        return out;
    }

    @Override
    public String description() {
        return tracks.tracks().size() + " tracks from tracks.json";
    }
}
