package io.x3dava.detector.dataset;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

/** Train and val video ids: a person's keyframes never straddle the split (neighbouring seconds look alike). */
record VideoSplit(List<String> train, List<String> val) {

    /** {@code ceil(fraction x n)} videos (at least one, and at least one left for training) drawn with {@code seed}. */
    static VideoSplit byFraction(Collection<String> videoIds, double fraction, long seed) {
        List<String> ids = new ArrayList<>(new TreeSet<>(videoIds));
        if (ids.size() < 2) {
            throw new IllegalArgumentException("the ground truth has " + ids.size() + " video(s); a split by video needs"
                    + " at least 2 (or give --gt-val VAL.csv)");
        }
        int nVal = Math.min(ids.size() - 1, Math.max(1, (int) Math.ceil(fraction * ids.size())));
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = ids.size() - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            String t = ids.get(i);
            ids.set(i, ids.get(j));
            ids.set(j, t);
        }
        return new VideoSplit(List.copyOf(new TreeSet<>(ids.subList(nVal, ids.size()))),
                List.copyOf(new TreeSet<>(ids.subList(0, nVal))));
    }
}
