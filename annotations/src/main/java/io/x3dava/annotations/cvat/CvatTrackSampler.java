package io.x3dava.annotations.cvat;

import java.util.List;

/**
 * The box of a track on any frame, as CVAT shows it: a listed box as it is; between two listed boxes the corners are
 * interpolated linearly (attributes and flags of the earlier one); the object is absent from an {@code outside} box up
 * to the next box, and before the first; after the last box that is not outside, the box is held to the end (CVAT
 * propagates it to the end of the task). Files that list every frame (CVAT's exports) need no interpolation.
 */
public final class CvatTrackSampler {
    private CvatTrackSampler() {
    }

    /** The box of {@code track} on {@code frame}, or null where the object is absent. */
    public static CvatBox at(CvatTrack track, long frame) {
        List<CvatBox> boxes = track.boxes();
        int lo = 0;
        int hi = boxes.size() - 1;
        int prev = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (boxes.get(mid).frame() <= frame) {
                prev = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (prev < 0) {
            return null;
        }
        CvatBox a = boxes.get(prev);
        if (a.outside()) {
            return null;
        }
        if (a.frame() == frame || prev + 1 == boxes.size()) {
            return a;
        }
        CvatBox b = boxes.get(prev + 1);
        if (b.outside()) {
            return a;
        }
        double w = (double) (frame - a.frame()) / (b.frame() - a.frame());
        return a.withCorners((int) frame, lerp(a.xtl(), b.xtl(), w), lerp(a.ytl(), b.ytl(), w),
                lerp(a.xbr(), b.xbr(), w), lerp(a.ybr(), b.ybr(), w));
    }

    private static double lerp(double a, double b, double w) {
        return a + (b - a) * w;
    }
}
