package io.x3dava.backbone.video;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The windows of a {@link ClipSequence} as {@link IndexPlan}s plus, for every frame, the last window that uses it, so
 * that a cache can drop a frame as soon as no later window needs it (memory stays bounded by one window's overlap).
 * A null window (one that will fail instead of being read) has a null plan.
 */
final class WindowPlan {
    final IndexPlan[] windows;
    private final Map<Long, Integer> lastUse = new HashMap<>();

    WindowPlan(List<long[]> frameWindows, long frameCount) {
        windows = new IndexPlan[frameWindows.size()];
        for (int w = 0; w < windows.length; w++) {
            if (frameWindows.get(w) == null) {
                continue; // a window that will not be read (it misses frames): it keeps nothing cached
            }
            windows[w] = new IndexPlan(frameWindows.get(w), frameCount);
            for (long i : windows[w].unique) {
                lastUse.put(i, w);
            }
        }
    }

    /** Last window (index) that needs frame i, -1 if none. */
    int lastUse(long i) {
        return lastUse.getOrDefault(i, -1);
    }

    /** True if frame i is needed by window w or a later one. */
    boolean neededFrom(long i, int w) {
        return lastUse(i) >= w;
    }
}
