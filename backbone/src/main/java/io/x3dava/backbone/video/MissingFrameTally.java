package io.x3dava.backbone.video;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Counts clips skipped for missing frames, the videos they are in and the first frame paths (thread-safe). */
public final class MissingFrameTally {
    /** Frame paths kept for messages. */
    static final int EXAMPLES = 3;

    private final Set<Path> videos = new HashSet<>();
    private final List<String> examples = new ArrayList<>();
    private long clips;

    public synchronized void add(MissingFrameException e) {
        clips++;
        videos.add(e.video());
        for (Path p : e.frames()) {
            if (examples.size() < EXAMPLES && !examples.contains(p.toString())) {
                examples.add(p.toString());
            }
        }
    }

    /** Adds another tally's clips, videos and examples (a loader's, at the end of an epoch). */
    public void addAll(MissingFrameTally other) {
        long c;
        Set<Path> v;
        List<String> ex;
        synchronized (other) {
            c = other.clips;
            v = new HashSet<>(other.videos);
            ex = new ArrayList<>(other.examples);
        }
        synchronized (this) {
            clips += c;
            videos.addAll(v);
            for (String p : ex) {
                if (examples.size() < EXAMPLES && !examples.contains(p)) {
                    examples.add(p);
                }
            }
        }
    }

    public synchronized MissingFrames snapshot() {
        return new MissingFrames(clips, videos.size(), examples);
    }
}
