package io.x3dava.annotations.ava;

/**
 * A keyframe: video id and integer second. The official evaluator keys images as "%s,%04d" of int(timestamp).
 */
public record Keyframe(String videoId, int timestamp) implements Comparable<Keyframe> {

    @Override
    public int compareTo(Keyframe o) {
        int c = videoId.compareTo(o.videoId);
        return c != 0 ? c : Integer.compare(timestamp, o.timestamp);
    }

    /** The official image key, e.g. "-5KQ66BBWC4,0902". */
    public String imageKey() {
        return String.format("%s,%04d", videoId, timestamp);
    }
}
